// Main-thread side of the worker thread: starts it, forwards pokes, folds its counters into
// this thread's /metrics, restarts it if it dies, and stops it gracefully.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../lib/logger.ts';
import type { Metrics } from '../lib/metrics.ts';
import type { FromWorkerThread, ToWorkerThread, WorkerThreadData } from './worker-thread.ts';

// Compiled (npm start, scripts/compile.mjs): the thread runs the compiled worker-thread.js on
// plain node. Under tsx (tests, `tsx src/main.ts`): an entry that registers tsx in the thread first.
const ENTRY = import.meta.url.endsWith('.ts') ? new URL('./worker-thread-entry.mjs', import.meta.url) : new URL('./worker-thread.js', import.meta.url);
const RESTART_DELAY_MS = 1_000;
const STOP_TIMEOUT_MS = 12_000;

export class WorkerThreadHost {
  private worker?: Worker;
  private stopping = false;

  constructor(
    private readonly data: WorkerThreadData,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  /** Starts the thread and resolves once its workers run. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(ENTRY, { workerData: this.data });
      this.worker = worker;
      worker.on('message', (m: FromWorkerThread) => {
        if (m.type === 'ready') resolve();
        if (m.type === 'count') this.metrics.add(m.name, m.help, m.labels, m.by);
      });
      worker.once('error', (err) => {
        this.logger.error({ err: err.message }, 'worker thread crashed');
        reject(err);
      });
      worker.once('exit', (code) => {
        if (this.stopping) return;
        this.logger.error({ code }, 'worker thread exited; restarting');
        setTimeout(() => void this.start().catch(() => {}), RESTART_DELAY_MS).unref();
      });
    });
  }

  /** Wakes a worker in the thread: the inbound one (a callback was claimed) by default. */
  poke(worker: 'inbound' | 'outbox' | 'scheduler' = 'inbound'): void {
    this.post({ type: 'poke', worker });
  }

  /** Lets the workers finish their batch, then ends the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => void worker.terminate().then(() => resolve()), STOP_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.post({ type: 'stop' });
    });
  }

  private post(message: ToWorkerThread): void {
    this.worker?.postMessage(message);
  }
}
