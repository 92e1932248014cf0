// The worker thread: runs the inbound and outbox workers on the second core with their own
// database connection, so business work never delays an HTTP ack. Talks to the main thread
// by messages: "poke" (a new event was claimed; with `worker`, new outbox rows or work due now,
// from the console), "stop"; it sends counter increments back
// so /metrics on the main thread shows them.
import { parentPort, workerData } from 'node:worker_threads';
import type { SecretKey } from '../lib/secret-box.ts';
import { SecretBox } from '../lib/secret-box.ts';
import { WecomOrgDirectory } from '../platforms/wecom/org-directory.ts';
import type { WecomOrgApp } from '../platforms/wecom/org-credentials.ts';
import type { DingtalkConfig } from '../config.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { Metrics } from '../lib/metrics.ts';
import { connectDb, statementCount } from '../repositories/prisma.ts';
import type { OutboxWorkerOptions } from './outbox-worker.ts';
import { createWorkerSet } from './workers.ts';

export interface WorkerThreadData {
  databaseUrl: string;
  /** The WECOM_* variables' organisation, when they are set. */
  envOrg?: WecomOrgApp;
  /** SECRETS_KEY, to open the other organisations' stored credentials. */
  secretsKeys?: SecretKey[];
  wecomApiBase: string;
  dingtalk?: DingtalkConfig;
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

const port = parentPort!;
const data = workerData as WorkerThreadData;
const send = (message: FromWorkerThread) => port.postMessage(message);

const logger = createLogger(data.logLevel).child({ thread: 'workers' });
const metrics = new Metrics((name, help, labels, by) => send({ type: 'count', name, help, labels, by }));
const db = await connectDb(data.databaseUrl);
const box = data.secretsKeys ? new SecretBox(data.secretsKeys.map((k) => ({ id: k.id, key: Buffer.from(k.key) }))) : undefined;
const wecomOrgs = new WecomOrgDirectory({ db, box, apiBase: data.wecomApiBase, envOrg: data.envOrg });
const workers = createWorkerSet({ db, wecomOrgs, dingtalk: data.dingtalk, clock: systemClock, logger, metrics, outbox: data.outbox, retentionDays: data.retentionDays, voteSecret: data.voteSecret });
workers.start();

// Statements this thread ran, folded into /metrics once a second (one message, not one per statement).
let reported = 0;
const statementTimer = setInterval(() => {
  const now = statementCount();
  if (now === reported) return;
  send({ type: 'count', name: 'bot_db_statements_total', help: 'Database statements run, by thread', labels: { thread: 'workers' }, by: now - reported });
  reported = now;
}, 1_000);
statementTimer.unref();

port.on('message', (message: ToWorkerThread) => {
  if (message.type === 'poke') (message.worker === 'outbox' ? workers.outbox : message.worker === 'scheduler' ? workers.scheduler : workers.inbound).poke();
  if (message.type === 'stop') {
    void workers
      .stop()
      .then(() => db.$disconnect())
      .finally(() => {
        send({ type: 'stopped' });
        port.close();
      });
  }
});
send({ type: 'ready' });
