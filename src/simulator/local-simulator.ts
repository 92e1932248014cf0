// Local mode: a WeCom app and an intelligent robot with throwaway keys, the fake WeCom API
// on loopback, the demo roster, and the chat page. The bot itself runs unchanged against it.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type Router from '@koa/router';
import type { Config, WecomAppConfig, WecomBotConfig } from '../config.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Db } from '../repositories/prisma.ts';
import { loadDemoRoster } from '../services/roster/roster-service.ts';
import { WecomCallbackSender } from './callback-sender.ts';
import { createFakeWecomApi, listenOnLoopback } from './fake-wecom-api.ts';
import { WecomRobotCallbackSender } from './robot-callback-sender.ts';
import { mountSimulatorRoutes } from './sim-routes.ts';
import { SimStore } from './sim-store.ts';

export interface LocalSimulator {
  app: WecomAppConfig;
  robot: WecomBotConfig;
  store: SimStore;
  apiUrl: string;
  sender: WecomCallbackSender;
  robotSender: WecomRobotCallbackSender;
  mount(router: Router): void;
  connect(callbackUrl: string, robotCallbackUrl: string): void;
  stop(): Promise<void>;
}

/** `clock` is the bot's: the simulated WeCom stamps its callbacks with it, so they are never stale. */
export async function startLocalSimulator(db: Db, orgId: number, config: Config, logger: Logger, clock: Clock): Promise<LocalSimulator> {
  const report = await loadDemoRoster(db, config.orgCode);
  logger.info({ created: report.created, updated: report.updated, unchanged: report.unchanged }, 'demo roster loaded');
  const store = new SimStore();
  const secrets = {
    corpId: 'wwlocal0demo',
    agentId: 1000002,
    secret: randomBytes(16).toString('hex'),
    token: randomBytes(8).toString('hex'),
    aesKey: randomAesKey(),
  };
  const robot: WecomBotConfig = { token: randomBytes(8).toString('hex'), aesKey: randomAesKey() };
  // Every id is a member of the simulated corp, as in a real one where not everyone is on the roster.
  const api = createFakeWecomApi({ ...secrets, store, isKnownUser: async (u) => /^[A-Za-z0-9_.@-]{1,64}$/.test(u) });
  const { server, url } = await listenOnLoopback(api);
  const app: WecomAppConfig = { ...secrets, apiBase: url };
  const sender = new WecomCallbackSender(app, '', clock);
  const robotSender = new WecomRobotCallbackSender(robot, '', clock);
  return {
    app,
    robot,
    store,
    apiUrl: url,
    sender,
    robotSender,
    mount: (router) => mountSimulatorRoutes(router, { db, orgId, store, sender, robotSender, apiUrl: url }),
    connect(callbackUrl, robotCallbackUrl) {
      sender.callbackUrl = callbackUrl;
      robotSender.callbackUrl = robotCallbackUrl;
    },
    stop: () => closeServer(server),
  };
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
