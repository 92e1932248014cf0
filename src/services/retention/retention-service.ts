// Rule R6: data kept only as long as it serves. The queues hold what people wrote and what the
// bot sent them (visitors' names and phones among it) in plain text; once a callback is
// processed and a message is final, the text has served. After RETENTION_DAYS this job erases
// it, keeping the rows and their keys (deduplication needs them, see retention-repo.ts). Dialogs
// that timed out that long ago are deleted with their drafts; kept drafts (继续) as soon as they
// can no longer be resumed. Idempotent and batched: any
// instance may run it at any time; each step is one short statement.
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Db } from '../../repositories/prisma.ts';
import { deleteExpiredDialogs, deleteExpiredKeptDrafts, eraseInboundPayloads, eraseOutboxPayloads } from '../../repositories/retention-repo.ts';

const DAY_MS = 86_400_000;
/** Rows per statement: a few milliseconds of SQLite's write lock (npm run bench:queues). */
export const RETENTION_BATCH = 500;
/** Statements per table per run: a first run over a long history is spread over several runs. */
const MAX_BATCHES = 40;

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  retentionDays: number;
  /** Counts erased rows per table (for /metrics). */
  onErased?(table: RetentionTable, count: number): void;
}

export type RetentionTable = 'inbound' | 'outbox' | 'dialog' | 'kept_draft';
export type RetentionResult = Record<RetentionTable, number>;

export async function runRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const now = deps.clock.now();
  const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
  const result: RetentionResult = {
    inbound: await inBatches((limit) => eraseInboundPayloads(deps.db, cutoff, now, limit)),
    outbox: await inBatches((limit) => eraseOutboxPayloads(deps.db, cutoff, now, limit)),
    dialog: await inBatches((limit) => deleteExpiredDialogs(deps.db, cutoff, limit)),
    kept_draft: await inBatches((limit) => deleteExpiredKeptDrafts(deps.db, now, limit)),
  };
  for (const table of Object.keys(result) as RetentionTable[]) if (result[table]) deps.onErased?.(table, result[table]);
  if (Object.values(result).some((n) => n > 0)) {
    deps.logger.info({ ...result, retentionDays: deps.retentionDays }, 'retention: erased what is older than RETENTION_DAYS');
  }
  return result;
}

/** Repeats a batched step until it finds less than a full batch; yields between statements. */
async function inBatches(step: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const done = await step(RETENTION_BATCH);
    total += done;
    if (done < RETENTION_BATCH) break;
    await new Promise((resolve) => setImmediate(resolve)); // let acks and workers in between
  }
  return total;
}
