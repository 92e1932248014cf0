// The background side of the bot: the inbound worker (dispatcher) and the outbox worker with
// the platform clients. Built the same way in-process (tests) and in the worker thread.
import { DEFAULT_RETENTION_DAYS } from '../config.ts';
import { createBot } from '../bot/commands/index.ts';
import { Dispatcher } from '../bot/dispatcher.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Metrics } from '../lib/metrics.ts';
import { orgChannels } from '../platforms/org-channels.ts';
import type { DingtalkOrgDirectory } from '../platforms/dingtalk/org-directory.ts';
import { platformClients } from '../platforms/registry.ts';
import type { PlatformClient } from '../platforms/types.ts';
import type { WecomOrgDirectory } from '../platforms/wecom/org-directory.ts';
import { onPolicyProblems } from '../repositories/org-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import { knowOrgChannels } from '../services/audience.ts';
import { Outbound } from '../services/outbound.ts';
import { ExportWorker } from './export-worker.ts';
import { InboundWorker } from './inbound-worker.ts';
import { OutboxWorker, type OutboxWorkerOptions } from './outbox-worker.ts';
import { Scheduler } from './scheduler.ts';
import { createTick } from './tick.ts';

export interface WorkerSet {
  inbound: InboundWorker;
  outbox: OutboxWorker;
  /** Builds the register files asked for by chat. */
  exports: ExportWorker;
  outbound: Outbound;
  scheduler: Scheduler;
  /** Whether the loops run (start() was called and stop() was not): 'manual' tests drive them instead. */
  readonly started: boolean;
  start(): void;
  stop(): Promise<void>;
}

export interface WorkerDeps {
  db: Db;
  /** Every organisation's WeCom app (the variables' one and the stored ones). */
  wecomOrgs?: WecomOrgDirectory;
  /** Every organisation's DingTalk app (likewise). */
  dingtalkOrgs?: DingtalkOrgDirectory;
  /** Ready-made clients (tests: a fake second platform); they replace a configured one of the same channel. */
  clients?: PlatformClient[];
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  outbox?: Partial<OutboxWorkerOptions>;
  /** Rule R6 (RETENTION_DAYS). */
  retentionDays?: number;
  /** Rule E3: the server's vote secret (config.voteSecret), never stored in the database. */
  voteSecret?: string;
}

export function createWorkerSet(deps: WorkerDeps): WorkerSet {
  const { db, clock, logger, metrics } = deps;
  // A stored policy field that is refused keeps its default; the office hears of it in the log.
  onPolicyProblems(db, (orgId, rejected) => logger.warn({ orgId, rejected }, 'organisation policy: stored settings refused, their defaults apply'));
  const timeoutMs = deps.outbox?.callTimeoutMs;
  // Each organisation sends through its own apps only.
  const clientFor = platformClients({ wecomOrgs: deps.wecomOrgs, dingtalkOrgs: deps.dingtalkOrgs, clients: deps.clients, timeoutMs }, clock);
  knowOrgChannels(db, orgChannels({ wecomOrgs: deps.wecomOrgs, dingtalkOrgs: deps.dingtalkOrgs, given: deps.clients?.map((c) => c.channel) }));
  const outbox = new OutboxWorker(db, clientFor, clock, logger, metrics, deps.outbox);
  const outbound = new Outbound(db, clock, () => outbox.poke());
  const bot = createBot({ voteSecret: deps.voteSecret });
  const exports = new ExportWorker(db, clientFor, outbound, clock, logger);
  // Publishing (or editing) an activity late plans a notice due now: the scheduler sends it at
  // once; a register asked for by chat is built at once.
  const onDueNow = () => {
    scheduler.poke();
    exports.poke();
  };
  const dispatcher = new Dispatcher({ db, clock, outbound, logger, onDueNow }, bot.router, bot.flows);
  const inbound = new InboundWorker(db, dispatcher, clock, logger, metrics);
  const countMissed = metrics.counter('bot_notices_missed_total', 'Notices found more than 24 hours late and not sent');
  const countRunMissed = metrics.counter('bot_reminders_missed_total', 'Quarterly reminders found after their window closed and not sent');
  const countErased = metrics.counter('bot_retention_erased_total', 'Rows whose content was erased after RETENTION_DAYS (rule R6), by table');
  const tick = createTick({
    db, clock, outbound, logger,
    retentionDays: deps.retentionDays ?? DEFAULT_RETENTION_DAYS,
    onMissed: (n) => countMissed({}, n),
    onRunMissed: (job) => countRunMissed({ job }),
    onErased: (table, n) => countErased({ table }, n),
    onFilesRequested: () => exports.poke(),
  });
  const scheduler = new Scheduler(tick, logger);
  let started = false;
  return {
    inbound,
    outbox,
    exports,
    outbound,
    scheduler,
    get started() {
      return started;
    },
    start() {
      started = true;
      inbound.start();
      outbox.start();
      exports.start();
      scheduler.start();
    },
    async stop() {
      started = false;
      await Promise.all([inbound.stop(), outbox.stop(), exports.stop(), scheduler.stop()]);
    },
  };
}
