// The worker thread: runs the inbound and outbox workers on the second core with their own
// database connection, so business work never delays an HTTP ack. Talks to the main thread
// by messages: "poke" (a new event was claimed), "stop"; it sends counter increments back
// so /metrics on the main thread shows them.
import { parentPort, workerData } from 'node:worker_threads';
import type { DingtalkConfig, WecomAppConfig } from '../config.ts';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/logger.ts';
import { Metrics } from '../lib/metrics.ts';
import { connectDb } from '../repositories/prisma.ts';
import type { OutboxWorkerOptions } from './outbox-worker.ts';
import { createWorkerSet } from './workers.ts';

export interface WorkerThreadData {
  databaseUrl: string;
  wecom?: WecomAppConfig;
  dingtalk?: DingtalkConfig;
  logLevel: string;
  outbox?: Partial<OutboxWorkerOptions>;
  retentionDays: number;
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
const workers = createWorkerSet({ db, wecom: data.wecom, dingtalk: data.dingtalk, clock: systemClock, logger, metrics, outbox: data.outbox, retentionDays: data.retentionDays });
workers.start();

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
