// The worker thread: runs the inbound and outbox workers on the second core with their own
// database connection, so business work never delays an HTTP ack. Talks to the main thread
// by messages: "poke" (a new event was claimed), "stop"; it sends counter increments back
// so /metrics on the main thread shows them.
import { parentPort, workerData } from 'node:worker_threads';
import type { WecomAppConfig } from '../config.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { Metrics } from '../lib/metrics.ts';
import { connectDb, statementCount } from '../repositories/prisma.ts';
import type { OutboxWorkerOptions } from './outbox-worker.ts';
import { createWorkerSet } from './workers.ts';

export interface WorkerThreadData {
  databaseUrl: string;
  wecom: WecomAppConfig;
  logLevel: string;
  outbox?: Partial<OutboxWorkerOptions>;
  retentionDays: number;
  voteSecret?: string;
}

export type ToWorkerThread = { type: 'poke' } | { type: 'stop' };
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
const workers = createWorkerSet({ db, wecom: data.wecom, clock: systemClock, logger, metrics, outbox: data.outbox, retentionDays: data.retentionDays, voteSecret: data.voteSecret });
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
  if (message.type === 'poke') workers.inbound.poke();
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
