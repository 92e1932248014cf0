// openLoop on a thread of its own. The ack phase of bench:e2e measures the service's answer
// time; run on the bench's main thread, each latency would also include the time that thread
// spent serving the fake WeCom API (the service's replies arrive there all through the phase:
// its event loop was late by 8 ms at p99, 400 ms at worst).
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { openLoop, type PhaseResult, type PreparedRequest } from './load.ts';

interface Job {
  label: string;
  baseUrls: string[];
  pool: PreparedRequest[];
  opts: { rate: number; seconds: number };
}

/** openLoop(label, baseUrls, pool, opts), its clock and sockets on a worker thread. */
export function openLoopOnThread(label: string, baseUrls: string | string[], pool: PreparedRequest[], opts: Job['opts']): Promise<PhaseResult> {
  const job: Job = { label, baseUrls: typeof baseUrls === 'string' ? [baseUrls] : baseUrls, pool, opts };
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./open-loop-thread-entry.mjs', import.meta.url), { workerData: job });
    worker.once('message', (result: PhaseResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => code === 0 || reject(new Error(`the load thread exited with ${code}`)));
  });
}

if (!isMainThread && workerData && (workerData as Partial<Job>).pool) {
  const job = workerData as Job;
  // Buffers arrive as Uint8Arrays; the sender writes them as they are.
  const pool = job.pool.map((r) => ({ ...r, body: Buffer.from(r.body) }));
  parentPort!.postMessage(await openLoop(job.label, job.baseUrls, pool, job.opts));
}
