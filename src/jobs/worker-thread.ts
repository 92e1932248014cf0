// The worker thread: runs the inbound and outbox workers on the second core with their own
// database connection, so business work never delays an HTTP ack. Talks to the main thread
// by messages: "poke" (a new event was claimed; with `worker`, new outbox rows or work due now,
// from the console), "stop"; it sends its counters' increments back, summed, a few times a
// second (a message per increment cost about 0.3 ms per event), so /metrics on the main
// thread shows them.
import { parentPort, workerData } from 'node:worker_threads';
import type { SecretKey } from '../lib/secret-box.ts';
import { SecretBox } from '../lib/secret-box.ts';
import { WecomOrgDirectory } from '../platforms/wecom/org-directory.ts';
import type { WecomOrgApp } from '../platforms/wecom/org-credentials.ts';
import type { DingtalkSite } from '../config.ts';
import type { DingtalkOrgApp } from '../platforms/dingtalk/org-apps.ts';
import { DingtalkOrgDirectory } from '../platforms/dingtalk/org-directory.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { CounterBatch, Metrics } from '../lib/metrics.ts';
import { connectDb, statementCount } from '../repositories/prisma.ts';
import { startWalCheckpoints } from '../repositories/wal-checkpoint.ts';
import { errorLine } from '../lib/errors.ts';
import type { OutboxWorkerOptions } from './outbox-worker.ts';
import { createWorkerSet } from './workers.ts';

export interface WorkerThreadData {
  databaseUrl: string;
  /** The WECOM_* variables' organisation, when they are set. */
  envOrg?: WecomOrgApp;
  /** SECRETS_KEY, to open the other organisations' stored credentials. */
  secretsKeys?: SecretKey[];
  wecomApiBase: string;
  /** The DINGTALK_* variables' organisation, when they are set. */
  dingtalkEnvOrg?: DingtalkOrgApp;
  dingtalkSite: DingtalkSite;
  logLevel: string;
  outbox?: Partial<OutboxWorkerOptions>;
  retentionDays: number;
  voteSecret?: string;
}

export type ToWorkerThread = { type: 'poke'; worker?: 'inbound' | 'outbox' | 'scheduler' } | { type: 'stop' };
export type FromWorkerThread =
  | { type: 'ready' }
  | { type: 'stopped' }
  | { type: 'count'; name: string; help: string; labels: Record<string, string | number>; by: number };

const COUNTER_FLUSH_MS = 250;
const port = parentPort!;
const data = workerData as WorkerThreadData;
const send = (message: FromWorkerThread) => port.postMessage(message);

const logger = createLogger(data.logLevel).child({ thread: 'workers' });
const pending = new CounterBatch();
const metrics = new Metrics((name, help, labels, by) => pending.add(name, help, labels, by));
const db = await connectDb(data.databaseUrl, { backgroundCheckpoints: true });
const stopCheckpoints = startWalCheckpoints(db, (err) => logger.warn({ err: errorLine(err) }, 'WAL checkpoint failed; the next one tries again'));
const box = data.secretsKeys ? new SecretBox(data.secretsKeys.map((k) => ({ id: k.id, key: Buffer.from(k.key) }))) : undefined;
const wecomOrgs = new WecomOrgDirectory({ db, box, apiBase: data.wecomApiBase, envOrg: data.envOrg });
const dingtalkOrgs = new DingtalkOrgDirectory({ db, box, site: data.dingtalkSite, envOrg: data.dingtalkEnvOrg });
const workers = createWorkerSet({ db, wecomOrgs, dingtalkOrgs, clock: systemClock, logger, metrics, outbox: data.outbox, retentionDays: data.retentionDays, voteSecret: data.voteSecret });
workers.start();

// Counters and the statements this thread ran, folded into /metrics four times a second.
let reported = 0;
function flushCounters(): void {
  const now = statementCount();
  if (now !== reported) pending.add('bot_db_statements_total', 'Database statements run, by thread', { thread: 'workers' }, now - reported);
  reported = now;
  for (const increment of pending.take()) send({ type: 'count', ...increment });
}
const counterTimer = setInterval(flushCounters, COUNTER_FLUSH_MS);
counterTimer.unref();

port.on('message', (message: ToWorkerThread) => {
  if (message.type === 'poke') (message.worker === 'outbox' ? workers.outbox : message.worker === 'scheduler' ? workers.scheduler : workers.inbound).poke();
  if (message.type === 'stop') {
    void workers
      .stop()
      .then(() => (stopCheckpoints(), db.$disconnect()))
      .finally(() => {
        flushCounters();
        send({ type: 'stopped' });
        port.close();
      });
  }
});
send({ type: 'ready' });
