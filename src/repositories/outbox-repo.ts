// Outbox rows: every outbound message, unique by idempotency key, claimed by a conditional
// update so two workers (or a restarted one) never send the same row at once. Queue
// operations are single raw statements (see inbound-repo.ts for why).
import { Prisma, type Db } from './prisma.ts';

export interface NewOutboxRow {
  orgId: number;
  channel: string;
  idempotencyKey: string;
  kind: string;
  /** One member's user id (rate-limited per member), or "chat:<id>" for a group chat. */
  recipient: string;
  payload: string;
  notBefore?: Date;
}

export interface ClaimedOutboxRow {
  id: number;
  orgId: number;
  channel: string;
  kind: string;
  recipient: string;
  payload: string;
  attempts: number;
}

/** Enqueues rows whose keys are new; returns how many were new. */
export async function enqueue(db: Db, rows: NewOutboxRow[], now: Date): Promise<number> {
  let added = 0;
  for (const r of rows) {
    added += await db.$executeRaw`
      INSERT INTO "Outbox" ("orgId", "channel", "idempotencyKey", "kind", "recipient", "payload", "status", "attempts", "nextAttemptAt", "createdAt")
      VALUES (${r.orgId}, ${r.channel}, ${r.idempotencyKey}, ${r.kind}, ${r.recipient}, ${r.payload}, 'pending', 0, ${r.notBefore ?? now}, ${now})
      ON CONFLICT ("idempotencyKey") DO NOTHING`;
  }
  return added;
}

/** Claims due rows, oldest due first; a worker that died mid-send leaves rows locked until lockedUntil. */
export async function claimDueRows(db: Db, now: Date, limit: number, lockMs: number): Promise<ClaimedOutboxRow[]> {
  const due = Prisma.sql`(("status" = 'pending' AND "nextAttemptAt" <= ${now}) OR ("status" = 'sending' AND "lockedUntil" < ${now}))`;
  const rows = await db.$queryRaw<(ClaimedOutboxRow & { nextAttemptAt: Date })[]>`
    UPDATE "Outbox"
    SET "status" = 'sending', "attempts" = "attempts" + 1, "lockedUntil" = ${new Date(now.getTime() + lockMs)}
    WHERE "id" IN (SELECT "id" FROM "Outbox" WHERE ${due} ORDER BY "nextAttemptAt", "id" LIMIT ${limit}) AND ${due}
    RETURNING "id", "orgId", "channel", "kind", "recipient", "payload", "attempts", "nextAttemptAt"`;
  return rows
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || Number(a.id) - Number(b.id))
    .map(({ nextAttemptAt: _, ...r }) => ({ ...r, id: Number(r.id), orgId: Number(r.orgId), attempts: Number(r.attempts) }));
}

function settle(db: Db, row: ClaimedOutboxRow, set: Prisma.Sql) {
  return db.$executeRaw`
    UPDATE "Outbox" SET ${set}, "lockedUntil" = NULL
    WHERE "id" = ${row.id} AND "status" = 'sending' AND "attempts" = ${row.attempts}`;
}

export async function markSent(db: Db, row: ClaimedOutboxRow, now: Date, response: string): Promise<void> {
  await settle(db, row, Prisma.sql`"status" = 'sent', "sentAt" = ${now}, "response" = ${response}, "lastError" = NULL, "lastErrcode" = NULL`);
}

export async function markRetry(db: Db, row: ClaimedOutboxRow, nextAttemptAt: Date, error: { message: string; code?: number }) {
  await settle(
    db,
    row,
    Prisma.sql`"status" = 'pending', "nextAttemptAt" = ${nextAttemptAt}, "lastError" = ${error.message.slice(0, 1000)}, "lastErrcode" = ${error.code ?? null}`,
  );
}

export async function markDead(db: Db, row: ClaimedOutboxRow, error: { message: string; code?: number }) {
  await settle(db, row, Prisma.sql`"status" = 'dead', "lastError" = ${error.message.slice(0, 1000)}, "lastErrcode" = ${error.code ?? null}`);
}

/** Puts a claimed row back without counting the attempt (rate limit: not a failure). */
export async function deferRow(db: Db, row: ClaimedOutboxRow, nextAttemptAt: Date): Promise<void> {
  await settle(db, row, Prisma.sql`"status" = 'pending', "attempts" = ${row.attempts - 1}, "nextAttemptAt" = ${nextAttemptAt}`);
}

export interface RecentSends {
  /** Rows sent since `since` plus rows being sent now (this batch's included). */
  count: number;
  oldestSentAt?: Date;
}

/**
 * Per member: how many messages went out since `since`, for the per-minute limit. Two index
 * searches joined by UNION ALL, not one OR: "sent since" walks (channel, recipient, sentAt) over
 * the last minute only, "sending" walks the status index; an OR made SQLite read every row a
 * member was ever sent (185 ms for 50 members at 500,000 old rows; see npm run bench:queues).
 */
export async function recentSends(db: Db, channel: string, recipients: string[], since: Date): Promise<Map<string, RecentSends>> {
  if (recipients.length === 0) return new Map();
  const members = Prisma.join(recipients);
  const rows = await db.$queryRaw<{ recipient: string; count: number | bigint; oldestSentAt: string | Date | null }[]>`
    SELECT "recipient", COUNT(*) AS "count", MIN("sentAt") AS "oldestSentAt" FROM (
      SELECT "recipient", "sentAt" FROM "Outbox"
      WHERE "channel" = ${channel} AND "recipient" IN (${members}) AND "sentAt" >= ${since} AND "status" = 'sent'
      UNION ALL
      SELECT "recipient", "sentAt" FROM "Outbox"
      WHERE "status" = 'sending' AND "channel" = ${channel} AND "recipient" IN (${members})
    ) GROUP BY "recipient"`;
  return new Map(rows.map((r) => [r.recipient, { count: Number(r.count), oldestSentAt: r.oldestSentAt === null ? undefined : new Date(r.oldestSentAt) }]));
}

export async function outboxStats(db: Db, now: Date) {
  const byStatus = await db.outbox.groupBy({ by: ['status'], _count: { _all: true } });
  const oldestPending = await db.outbox.findFirst({
    where: { status: { in: ['pending', 'sending'] } },
    orderBy: { createdAt: 'asc' },
    select: { createdAt: true },
  });
  return {
    byStatus: byStatus.map((r) => ({ status: r.status, count: r._count._all })),
    oldestPendingAgeSeconds: oldestPending ? (now.getTime() - oldestPending.createdAt.getTime()) / 1000 : 0,
  };
}
