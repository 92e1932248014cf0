// InboundEvent rows: the claim that makes a callback "ours" (unique platform key) and the
// work queue the inbound worker drains. Queue operations are single raw statements: cheap,
// and never a read-then-write transaction that another writer could invalidate.
import { executeSoon, query, queryPromptly } from './driver-sql.ts';
import { Prisma, type Db } from './prisma.ts';
import { skipLocked } from './sql-dialect.ts';

export interface NewInboundEvent {
  orgId: number;
  channel: string;
  platformKey: string;
  kind: string;
  senderId: string;
  payload: string;
  receivedAt: Date;
}

export interface ClaimedInboundEvent {
  id: number;
  orgId: number;
  channel: string;
  senderId: string;
  payload: string;
  attempts: number;
}

/** Inserts the rows that are new; returns the platform keys this call inserted. */
export async function insertNewEvents(db: Db, rows: NewInboundEvent[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const values = rows.map(
    (r) =>
      Prisma.sql`(${r.orgId}, ${r.channel}, ${r.platformKey}, ${r.kind}, ${r.senderId}, ${r.payload}, 'pending', 0, ${r.receivedAt}, ${r.receivedAt})`,
  );
  // Promptly: the callback's HTTP answer waits on this row (platforms time out in seconds).
  const inserted = await queryPromptly<{ platformKey: string }>(db)`
    INSERT INTO "InboundEvent" ("orgId", "channel", "platformKey", "kind", "senderId", "payload", "status", "attempts", "nextAttemptAt", "receivedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("channel", "platformKey") DO NOTHING
    RETURNING "platformKey"`;
  return new Set(inserted.map((r) => r.platformKey));
}

/**
 * Claims due events in one statement: new ones, retries, and ones a crashed worker left
 * locked. The due condition is repeated outside the subquery so that, on PostgreSQL, a
 * second instance waiting on the same rows re-checks it and skips what was just claimed.
 */
export async function claimDueEvents(db: Db, now: Date, limit: number, lockMs: number): Promise<ClaimedInboundEvent[]> {
  const due = Prisma.sql`(("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'processing' AND "lockedUntil" < ${now}))`;
  // The pick is a materialised CTE: PostgreSQL may otherwise run a LIMIT … SKIP LOCKED subquery
  // of an UPDATE more than once and claim more rows than asked (two instances then saw one
  // worker take both events). SQLite reads the same syntax.
  const rows = await query<ClaimedInboundEvent>(db)`
    WITH "picked" AS MATERIALIZED (SELECT "id" FROM "InboundEvent" WHERE ${due} ORDER BY "id" LIMIT ${limit} ${skipLocked(db)})
    UPDATE "InboundEvent"
    SET "status" = 'processing', "attempts" = "attempts" + 1, "lockedUntil" = ${new Date(now.getTime() + lockMs)}
    WHERE "id" IN (SELECT "id" FROM "picked") AND ${due}
    RETURNING "id", "orgId", "channel", "senderId", "payload", "attempts"`;
  return rows
    .map((r) => ({ ...r, id: Number(r.id), orgId: Number(r.orgId), attempts: Number(r.attempts) }))
    .sort((a, b) => a.id - b.id);
}

/**
 * An event's final mark. It commits at the end of the turn, with what other events' lanes queued
 * in it (executeSoon): a crash before then leaves the event claimed, to be handled again, and
 * what it queued is keyed (enqueue's idempotency keys), so nothing goes out twice.
 */
function finish(db: Db, event: { id: number; attempts: number }, set: Prisma.Sql) {
  return executeSoon(db)`
    UPDATE "InboundEvent" SET ${set}, "lockedUntil" = NULL
    WHERE "id" = ${event.id} AND "status" = 'processing' AND "attempts" = ${event.attempts}`;
}

export async function markEventDone(db: Db, event: ClaimedInboundEvent, now: Date): Promise<void> {
  await finish(db, event, Prisma.sql`"status" = 'done', "processedAt" = ${now}, "lastError" = NULL`);
}

/** Handled by refusing it (bad input, answered once): done, with the refusal's code kept. */
export async function markEventRefused(db: Db, event: ClaimedInboundEvent, now: Date, code: string): Promise<void> {
  await finish(db, event, Prisma.sql`"status" = 'done', "processedAt" = ${now}, "lastError" = ${code}`);
}

export async function markEventRetry(db: Db, event: ClaimedInboundEvent, nextAttemptAt: Date, error: string) {
  await finish(db, event, Prisma.sql`"status" = 'pending', "nextAttemptAt" = ${nextAttemptAt}, "lastError" = ${error.slice(0, 1000)}`);
}

export async function markEventFailed(db: Db, event: ClaimedInboundEvent, now: Date, error: string) {
  await finish(db, event, Prisma.sql`"status" = 'failed', "processedAt" = ${now}, "lastError" = ${error.slice(0, 1000)}`);
}

export async function inboundBacklog(db: Db): Promise<{ status: string; count: number }[]> {
  const rows = await db.inboundEvent.groupBy({
    by: ['status'],
    where: { status: { in: ['pending', 'processing', 'failed'] } },
    _count: { _all: true },
  });
  return rows.map((r) => ({ status: r.status, count: r._count._all }));
}
