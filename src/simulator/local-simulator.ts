// Local mode: a WeCom app and an intelligent robot with throwaway keys, the fake WeCom API
// on loopback, a DingTalk app against the fake DingTalk API and Stream gateway (a demo person
// can be switched to DingTalk on the page), the demo roster, the chat page, and the movable clock that lets a newcomer
// watch the notice calendar happen. The bot itself runs unchanged against it.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type Router from '@koa/router';
import type { Config, DingtalkConfig, WecomAppConfig, WecomBotConfig } from '../config.ts';
import type { WorkerSet } from '../jobs/workers.ts';
import { movableClock, type Clock, type MovableClock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { toShanghaiIso } from '../lib/shanghai-iso.ts';
import type { Db } from '../repositories/prisma.ts';
import { loadDemoRoster } from '../services/roster/roster-service.ts';
import { WecomCallbackSender } from './callback-sender.ts';
import { mountClockRoutes } from './clock-routes.ts';
import { FakeDingtalk, pageCard } from './fake-dingtalk.ts';
import { createFakeWecomApi, listenOnLoopback } from './fake-wecom-api.ts';
import { WecomRobotCallbackSender } from './robot-callback-sender.ts';
import { resumeOffset, saveClock, SimClock } from './sim-clock.ts';
import { mountSimulatorRoutes } from './sim-routes.ts';
import { SimStore } from './sim-store.ts';

export interface LocalSimulator {
  app: WecomAppConfig;
  robot: WecomBotConfig;
  /** DingTalk as the simulator plays it, when it does (its fake API and Stream gateway). */
  dingtalk?: DingtalkConfig;
  fakeDingtalk?: FakeDingtalk;
  store: SimStore;
  apiUrl: string;
  sender: WecomCallbackSender;
  robotSender: WecomRobotCallbackSender;
  /** The bot's clock in local mode: it moves forward when asked (POST /sim/clock). */
  clock: MovableClock;
  /** Mounts the page, its API and the clock routes; the clock control drives these workers. */
  mount(router: Router, workers: WorkerSet): void;
  connect(callbackUrl: string, robotCallbackUrl: string): void;
  stop(): Promise<void>;
}

/**
 * `base` is the clock local mode's clock runs on (the system's; a test's fixed one): the
 * movable clock adds an offset to it, and everything — the bot, its workers, the simulated
 * WeCom's callbacks, codes and duplicate check, the page — reads the movable one.
 */
export async function startLocalSimulator(db: Db, orgId: number, config: Config, logger: Logger, base: Clock): Promise<LocalSimulator> {
  const report = await loadDemoRoster(db, config.orgCode);
  logger.info({ created: report.created, updated: report.updated, unchanged: report.unchanged }, 'demo roster loaded');
  const clock = await startClock(db, orgId, base, config.localClockStart, logger);
  const store = new SimStore(() => clock.now().getTime());
  const secrets = {
    corpId: 'wwlocal0demo',
    agentId: 1000002,
    secret: randomBytes(16).toString('hex'),
    token: randomBytes(8).toString('hex'),
    aesKey: randomAesKey(),
  };
  const robot: WecomBotConfig = { token: randomBytes(8).toString('hex'), aesKey: randomAesKey() };
  // Every id is a member of the simulated corp, as in a real one where not everyone is on the roster.
  const api = createFakeWecomApi({ ...secrets, store, now: () => clock.now().getTime(), isKnownUser: async (u) => /^[A-Za-z0-9_.@-]{1,64}$/.test(u) });
  const { server, url } = await listenOnLoopback(api);
  const app: WecomAppConfig = { ...secrets, apiBase: url };
  const sender = new WecomCallbackSender(app, '', clock);
  const robotSender = new WecomRobotCallbackSender(robot, '', clock);
  const fakeDingtalk = await startFakeDingtalk(store);
  const dingtalk: DingtalkConfig = {
    clientId: 'dinglocaldemo', clientSecret: randomBytes(16).toString('hex'), robotCode: 'dinglocaldemo',
    cardTemplates: { notice: 'local-notice.schema', approval: 'local-approval.schema' }, mode: 'stream', apiBase: fakeDingtalk.url, loginBase: fakeDingtalk.url, oapiBase: fakeDingtalk.url,
  };
  let simClock: SimClock | undefined;
  return {
    app,
    robot,
    dingtalk,
    fakeDingtalk,
    store,
    apiUrl: url,
    sender,
    robotSender,
    clock,
    mount(router, workers) {
      mountSimulatorRoutes(router, { db, orgId, store, sender, robotSender, apiUrl: url, dingtalk: fakeDingtalk });
      const work = {
        tick: () => workers.scheduler.runNow(),
        // Running loops are woken rather than doubled: a second inbound batch beside theirs
        // could handle one sender's messages side by side, out of order.
        drain: async () => {
          if (!workers.started) return (await workers.inbound.runOnce()) + (await workers.outbox.runOnce());
          workers.inbound.poke();
          workers.outbox.poke();
          return 0;
        },
      };
      simClock = new SimClock(db, orgId, clock, base, work, logger);
      mountClockRoutes(router, simClock);
    },
    connect(callbackUrl, robotCallbackUrl) {
      sender.callbackUrl = callbackUrl;
      robotSender.callbackUrl = robotCallbackUrl;
    },
    async stop() {
      await simClock?.close();
      await closeServer(server);
      await fakeDingtalk.stop();
    },
  };
}

/** The fake DingTalk, showing what the bot sends there in the same chats as WeCom's. */
async function startFakeDingtalk(store: SimStore): Promise<FakeDingtalk> {
  const cardMessages = new Map<string, number>();
  const fake = new FakeDingtalk({
    text: (userId, text) => void store.add({ conversation: `user:${userId}`, from: 'bot', kind: 'text', text }),
    groupText: (chatId, text) => void store.add({ conversation: `chat:${chatId}`, from: 'bot', kind: 'text', text }),
    file: (userId, file) => void store.add({ conversation: `user:${userId}`, from: 'bot', kind: 'file', file }),
    card: (card) => void cardMessages.set(card.outTrackId, store.add({ conversation: `user:${card.userId}`, from: 'bot', kind: 'card', card: pageCard(card) }).id),
    cardUpdated: (card) => {
      const id = cardMessages.get(card.outTrackId);
      if (id !== undefined) store.setCard(id, pageCard(card));
    },
  }, store.media);
  await fake.start();
  return fake;
}

async function startClock(db: Db, orgId: number, base: Clock, start: Date | undefined, logger: Logger): Promise<MovableClock> {
  const clock = movableClock(base, await resumeOffset(db, orgId, base, start));
  await saveClock(db, orgId, clock, base);
  const now = clock.now();
  if (start && now.getTime() > start.getTime() + 60_000) {
    logger.warn({ start: toShanghaiIso(start), now: toShanghaiIso(now) }, 'local clock: this database has already seen a later time; resuming there (time never runs back)');
  }
  logger.info({ now: toShanghaiIso(now) }, 'local clock');
  return clock;
}

function randomAesKey(): string {
  return randomBytes(32).toString('base64').replace(/[^A-Za-z0-9]/g, 'x').slice(0, 43);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
