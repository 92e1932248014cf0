// Composition root: wires config, database, platform channel, workers and HTTP routes.
// Nothing here decides anything; each piece does its one job.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import type Koa from 'koa';
import { requireConsoleSecret, type Config, type DingtalkConfig, type WecomAppConfig, type WecomBotConfig } from './config.ts';
import { mountConsole } from './console/console-app.ts';
import { createHttpApp } from './http/app.ts';
import { mountOpsRoutes } from './http/ops-routes.ts';
import { createHttpServer, listen } from './http/server.ts';
import type { OutboxWorkerOptions } from './jobs/outbox-worker.ts';
import { WorkerThreadHost } from './jobs/worker-host.ts';
import type { WorkerSet } from './jobs/workers.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import type { Logger } from './lib/logger.ts';
import { Metrics } from './lib/metrics.ts';
import { mountDingtalkHttpReceiver } from './platforms/dingtalk/http-receiver.ts';
import { DingtalkOrgDirectory } from './platforms/dingtalk/org-directory.ts';
import type { DingtalkStreams } from './platforms/dingtalk/streams.ts';
import { orgChannels } from './platforms/org-channels.ts';
import { checkStoredSecrets } from './platforms/stored-secrets.ts';
import type { PlatformClient } from './platforms/types.ts';
import { WebSignIns } from './platforms/web-sign-ins.ts';
import { mountWecomBotReceiver } from './platforms/wecom/bot-receiver.ts';
import { WecomOrgDirectory } from './platforms/wecom/org-directory.ts';
import { mountWecomReceiver } from './platforms/wecom/receiver.ts';
import { InboundClaimer } from './repositories/inbound-claimer.ts';
import { inboundBacklog } from './repositories/inbound-repo.ts';
import { migrateDatabase, migrationsDir, pendingMigrationsOf, readMigrations } from './repositories/migrate.ts';
import { dialectOfUrl } from './repositories/dialect.ts';
import { oldestPendingAgeSeconds, outboxRowsByStatus } from './repositories/outbox-repo.ts';
import { ensureOrganisation } from './repositories/people-repo.ts';
import { connectDb, statementCount, type Db } from './repositories/prisma.ts';
import { errorLine } from './lib/errors.ts';
import { startWalCheckpoints } from './repositories/wal-checkpoint.ts';
import { knowOrgChannels } from './services/audience.ts';
import { Outbound } from './services/outbound.ts';
import type { LocalSimulator } from './simulator/local-simulator.ts';

export const WECOM_CALLBACK_PATH = '/wecom/callback';
/** The intelligent robot's callback (group chats), mounted when a robot is configured. */
export const WECOM_BOT_CALLBACK_PATH = '/wecom/bot/callback';
/** One organisation's callbacks when a deployment serves many: the path ends with its code. */
export const orgCallbackPath = (code: string) => `${WECOM_CALLBACK_PATH}/${code}`;
export const orgBotCallbackPath = (code: string) => `${WECOM_BOT_CALLBACK_PATH}/${code}`;
/** DingTalk's robot callback in HTTP mode (DINGTALK_MODE=http); each organisation's ends with its code. */
export const DINGTALK_CALLBACK_PATH = '/dingtalk/callback';
export const orgDingtalkCallbackPath = (code: string) => `${DINGTALK_CALLBACK_PATH}/${code}`;

export interface BotAppOptions {
  logger: Logger;
  clock?: Clock;
  outbox?: Partial<OutboxWorkerOptions>;
  /**
   * Where the inbound and outbox workers run. 'thread' (production): a worker thread with
   * its own connection, so business work never delays an ack. 'in-process': on this thread.
   * 'manual': in-process but not started; tests drive them with runOnce().
   */
  workers?: 'thread' | 'in-process' | 'manual';
  /** Ready-made platform clients for in-process workers (tests: a fake second platform). */
  platformClients?: PlatformClient[];
}

export interface BotApp {
  config: Config;
  /** ORG_CODE's app (the WECOM_* variables, or local mode's simulated one); absent when every organisation's is stored. */
  wecom?: WecomAppConfig;
  /** Every organisation's WeCom app, the variables' one and the stored ones (npm run org). */
  wecomOrgs: WecomOrgDirectory;
  /** ORG_CODE's DingTalk app from the DINGTALK_* variables (always in local mode: the simulator's fake). */
  dingtalk?: DingtalkConfig;
  /** Every organisation's DingTalk app, the variables' one and the stored ones (npm run org). */
  dingtalkOrgs: DingtalkOrgDirectory;
  /** One Stream per DingTalk app while started (Stream mode, and for card clicks in HTTP mode). */
  dingtalkStreams?: DingtalkStreams;
  /** The intelligent robot, when there is one (always in local mode). */
  wecomBot?: WecomBotConfig;
  db: Db;
  orgId: number;
  /** The clock everything reads: the given one, or in local mode the simulator's movable one. */
  clock: Clock;
  metrics: Metrics;
  http: Koa;
  /** The workers when they run on this thread ('in-process' and 'manual'). */
  workers?: WorkerSet;
  simulator?: LocalSimulator;
  /** Every route the HTTP app answers (method and path), for tests that must cover them all. */
  routes: { methods: string[]; path: string }[];
  /** Set once listening. */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function createBotApp(config: Config, options: BotAppOptions): Promise<BotApp> {
  const { logger } = options;
  requireConsoleSecret(config);
  const baseClock = options.clock ?? systemClock;
  const migrations = readMigrations(migrationsDir(dialectOfUrl(config.databaseUrl)));
  const migrated = await migrateDatabase(config.databaseUrl, migrations);
  if (migrated.applied.length) logger.info({ applied: migrated.applied }, 'database migrated');
  const db = await connectDb(config.databaseUrl, { backgroundCheckpoints: true });
  // Stored credentials need SECRETS_KEY, and the right one (one line naming it otherwise).
  const box = config.mode !== 'local' ? await checkStoredSecrets(db, config.secretsKeys).catch(closing(db)) : undefined;
  if (config.mode === 'local') await (await import('./simulator/local-mode-guard.ts')).assertDemoDatabase(db, config.databaseUrl, config.orgCode).catch(closing(db));
  const org = await ensureOrganisation(db, config.orgCode, config.mode === 'local' ? LOCAL_ORG_NAME : undefined);
  // Loaded only where used (here, the workers and the DingTalk Stream below): a WeCom deployment's
  // HTTP thread never holds the simulator, the bot's flows (they run on the worker thread) or
  // DingTalk's client, each module graph a few MB of heap.
  const simulator = config.mode === 'local' ? await (await import('./simulator/local-simulator.ts')).startLocalSimulator(db, org.id, config, logger, baseClock) : undefined;
  // Local mode runs on the simulator's movable clock (its page jumps to the next notice).
  const clock = simulator?.clock ?? baseClock;
  const wecom = simulator?.app ?? config.wecom;
  const dingtalk = simulator?.dingtalk ?? config.dingtalk;
  const wecomBot = simulator?.robot ?? config.wecomBot;
  const envOrg = wecom ? { orgId: org.id, code: config.orgCode, app: wecom, ...(wecomBot ? { robot: wecomBot } : {}) } : undefined;
  const wecomOrgs = new WecomOrgDirectory({ db, box, apiBase: config.wecomApiBase, envOrg });
  const dingtalkEnvOrg = dingtalk ? { orgId: org.id, code: config.orgCode, app: dingtalk } : undefined;
  const dingtalkOrgs = new DingtalkOrgDirectory({ db, box, site: config.dingtalkSite, envOrg: dingtalkEnvOrg });

  const metrics = new Metrics();
  // Local mode's workers run on this thread even when asked for a thread: the clock control
  // moves the clock they read and must run their tick and drain their queues at each step.
  const placement = config.mode === 'local' && options.workers === 'thread' ? 'in-process' : (options.workers ?? 'in-process');
  const { retentionDays, voteSecret } = config;
  // This thread's sends (the console's) choose platforms as the workers' do.
  const channelsOfOrg = orgChannels({ wecomOrgs, dingtalkOrgs, given: options.platformClients?.map((c) => c.channel) });
  knowOrgChannels(db, channelsOfOrg);
  const workers = placement === 'thread' ? undefined : (await import('./jobs/workers.ts')).createWorkerSet({ db, wecomOrgs, dingtalkOrgs, clients: options.platformClients, clock, logger, metrics, outbox: options.outbox, retentionDays, voteSecret });
  const thread =
    placement === 'thread'
      ? new WorkerThreadHost({ databaseUrl: config.databaseUrl, envOrg, secretsKeys: config.secretsKeys, wecomApiBase: config.wecomApiBase, dingtalkEnvOrg, dingtalkSite: config.dingtalkSite, logLevel: config.logLevel, outbox: options.outbox, retentionDays, voteSecret }, metrics, logger)
      : undefined;
  registerQueueGauges(metrics, db, clock);
  metrics.gauge('bot_dingtalk_stream_connected', 'Whether each organisation\'s DingTalk Stream is connected (1) or not (0)', () =>
    (bot.dingtalkStreams?.states() ?? []).map((s) => ({ labels: { org: s.code }, value: s.connected ? 1 : 0 })),
  );
  // The workers' thread checkpoints its own connection's database; in-process, this one does.
  const stopCheckpoints = thread ? () => {} : startWalCheckpoints(db, (err) => logger.warn({ err: errorLine(err) }, 'WAL checkpoint failed; the next one tries again'));

  const http = createHttpApp(logger);
  const router = new Router();
  mountOpsRoutes(router, { db, pendingMigrations: () => pendingMigrationsOf(config.databaseUrl, migrations) }, metrics);
  const receiving = {
    maxSkewSeconds: config.callbackMaxSkewSeconds,
    // One claimer for both surfaces: concurrent callbacks share one INSERT either way.
    claimer: new InboundClaimer(db),
    metrics,
    clock,
    onAccepted: () => (thread ? thread.poke() : workers!.inbound.poke()),
  };
  // The variables' organisation keeps its URLs; every organisation has its own (an unknown code is a 404).
  // Without WECOM_* variables the old URLs serve ORG_CODE's stored credentials, so moving them into the database changes no URL.
  mountWecomReceiver(router, { ...receiving, path: WECOM_CALLBACK_PATH, orgFor: () => envOrg ?? wecomOrgs.byCode(config.orgCode) });
  if (envOrg?.robot) mountWecomBotReceiver(router, { ...receiving, path: WECOM_BOT_CALLBACK_PATH, orgFor: () => ({ orgId: envOrg.orgId, robot: envOrg.robot! }) });
  else if (!envOrg) mountWecomBotReceiver(router, { ...receiving, path: WECOM_BOT_CALLBACK_PATH, orgFor: () => robotOf(wecomOrgs, config.orgCode) });
  mountWecomReceiver(router, { ...receiving, path: orgCallbackPath(':org'), orgFor: (ctx) => wecomOrgs.byCode(String(ctx.params.org)) });
  mountWecomBotReceiver(router, { ...receiving, path: orgBotCallbackPath(':org'), orgFor: (ctx) => robotOf(wecomOrgs, String(ctx.params.org)) });
  // DingTalk likewise: the old URL is ORG_CODE's (its variables' app or its stored one), and each organisation has its own.
  if ((dingtalk ?? config.dingtalkSite).mode === 'http') {
    mountDingtalkHttpReceiver(router, { ...receiving, path: DINGTALK_CALLBACK_PATH, orgFor: () => dingtalkOrgs.byCode(config.orgCode) });
    mountDingtalkHttpReceiver(router, { ...receiving, path: orgDingtalkCallbackPath(':org'), orgFor: (ctx) => dingtalkOrgs.byCode(String(ctx.params.org)) });
  }
  simulator?.mount(router, workers!);
  const poke = (worker: 'outbox' | 'scheduler') => (thread ? thread.poke(worker) : workers![worker].poke());
  // The console signs in through the organisation's own apps: ORG_CODE's (the variables' or its
  // stored ones), another organisation's stored ones with ?org=CODE.
  const signIns = new WebSignIns({ home: { orgId: org.id, code: config.orgCode }, wecomOrgs, wecomOAuthBase: config.wecomOAuthBase, dingtalkOrgs, clock });
  mountConsole(router, {
    deps: { db, clock, logger, outbound: new Outbound(db, clock, () => poke('outbox')), onDueNow: () => poke('scheduler') },
    mode: config.mode === 'local' ? 'local' : 'platform',
    // Local mode without one: a throwaway secret (sessions end with the process).
    secret: config.consoleSessionSecret ?? randomBytes(32).toString('hex'),
    // Local mode signs in with its picker, for its one demo organisation.
    orgFor: (code) => (config.mode === 'local' ? Promise.resolve({ orgId: org.id, orgCode: config.orgCode, signIns: {} }) : signIns.forOrg(code)),
    pokeOutbox: () => poke('outbox'),
    reachableChannels: channelsOfOrg,
  });
  http.use(router.routes()).use(router.allowedMethods());
  const routes = router.stack.map((layer) => ({ methods: layer.methods.filter((m) => m !== 'HEAD'), path: String(layer.path) }));

  let server: Server | undefined;
  const bot: BotApp = {
    config, wecom, wecomOrgs, dingtalk, dingtalkOrgs, wecomBot, db, orgId: org.id, clock, metrics, http, workers, simulator, routes, url: '',
    async start() {
      await thread?.start();
      server = createHttpServer(http);
      await listen(server, config.port, config.host);
      bot.url = localUrl(server.address() as AddressInfo);
      simulator?.connect(`${bot.url}${WECOM_CALLBACK_PATH}`, `${bot.url}${WECOM_BOT_CALLBACK_PATH}`);
      if (placement === 'in-process') workers!.start();
      // Card clicks come by Stream in both modes (cards are created with callbackType STREAM).
      // Loaded only where an organisation has or may be given a DingTalk app (the package's module graph is a few MB).
      if (dingtalkEnvOrg || box) {
        const { DingtalkStreams } = await import('./platforms/dingtalk/streams.ts');
        bot.dingtalkStreams = new DingtalkStreams(dingtalkOrgs, { ...receiving, robotMessages: (dingtalk ?? config.dingtalkSite).mode === 'stream' }, logger);
        await bot.dingtalkStreams.start();
      }
    },
    async stop() {
      // Stop taking callbacks, let in-flight requests and worker batches finish, then close.
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        server.closeIdleConnections();
        // A request still open after the grace period (a simulator page's long poll) is cut.
        setTimeout(() => server!.closeAllConnections(), STOP_GRACE_MS).unref();
      });
      bot.dingtalkStreams?.stop();
      await (thread ? thread.stop() : workers!.stop());
      stopCheckpoints();
      await simulator?.stop();
      await db.$disconnect();
    },
  };
  return bot;
}

export const LOCAL_ORG_NAME = '示范县人大常委会';
const STOP_GRACE_MS = 3_000;

/** A URL this machine reaches the bot at: loopback when it listens on every interface. */
function localUrl(address: AddressInfo): string {
  const any = address.address === '::' || address.address === '0.0.0.0';
  const host = any ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

async function robotOf(orgs: WecomOrgDirectory, code: string) {
  const org = await orgs.byCode(code);
  return org?.robot ? { orgId: org.orgId, robot: org.robot } : undefined;
}

function closing(db: Db) {
  return async (err: unknown): Promise<never> => {
    await db.$disconnect();
    throw err;
  };
}

function registerQueueGauges(metrics: Metrics, db: Db, clock: Clock): void {
  metrics.gauge('bot_db_statements_main_thread', 'Database statements run by the main thread since start', () => [{ value: statementCount() }]);
  metrics.gauge('bot_outbox_rows', 'Outbox rows not sent, by status (sends: bot_outbox_sends_total)', async () =>
    (await outboxRowsByStatus(db)).map((s) => ({ labels: { status: s.status }, value: s.count })),
  );
  metrics.gauge('bot_outbox_oldest_pending_age_seconds', 'Age of the oldest unsent outbox row', async () => [
    { value: await oldestPendingAgeSeconds(db, clock.now()) },
  ]);
  // Counted from the outbox, so a warning written by any process (a CLI, a worker) shows here.
  metrics.gauge('bot_calendar_years_without_data', 'Years warned about: no holiday data and no overrides', async () => [
    // A key range, not startsWith: LIKE cannot use the unique index and read every row (npm run bench:queues).
    { value: await db.outbox.count({ where: { idempotencyKey: { gte: 'calendar-warning|', lt: 'calendar-warning}' } } }) },
  ]);
  metrics.gauge('bot_inbound_events', 'Inbound events not yet done, by status', async () =>
    (await inboundBacklog(db)).map((s) => ({ labels: { status: s.status }, value: s.count })),
  );
}
