// Outbox rows: every outbound message, unique by idempotency key, claimed by a conditional
// update so two workers (or a restarted one) never send the same row twice at once.
import type { Db } from './prisma.ts';

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

export async function claimDueRows(db: Db, now: Date, limit: number, lockMs: number): Promise<ClaimedOutboxRow[]> {
  const candidates = await db.outbox.findMany({
    where: {
      OR: [
        { status: 'pending', nextAttemptAt: { lte: now } },
        // A worker that died mid-send leaves its rows locked; they come back after the lock.
        { status: 'sending', lockedUntil: { lt: now } },
      ],
    },
    orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, orgId: true, channel: true, kind: true, recipient: true, payload: true, attempts: true, status: true },
  });
  const claimed: ClaimedOutboxRow[] = [];
  for (const { status, ...c } of candidates) {
    const { count } = await db.outbox.updateMany({
      where: { id: c.id, status, attempts: c.attempts },
      data: { status: 'sending', attempts: c.attempts + 1, lockedUntil: new Date(now.getTime() + lockMs) },
    });
    if (count === 1) claimed.push({ ...c, attempts: c.attempts + 1 });
  }
  return claimed;
}

export async function markSent(db: Db, row: ClaimedOutboxRow, now: Date, response: string): Promise<void> {
  await db.outbox.updateMany({
    where: { id: row.id, status: 'sending', attempts: row.attempts },
    data: { status: 'sent', sentAt: now, lockedUntil: null, response, lastError: null, lastErrcode: null },
  });
}

export async function markRetry(
  db: Db,
  row: ClaimedOutboxRow,
  nextAttemptAt: Date,
  error: { message: string; code?: number },
): Promise<void> {
  await db.outbox.updateMany({
    where: { id: row.id, status: 'sending', attempts: row.attempts },
    data: {
      status: 'pending',
      nextAttemptAt,
      lockedUntil: null,
      lastError: error.message.slice(0, 1000),
      lastErrcode: error.code ?? null,
    },
  });
}

export async function markDead(db: Db, row: ClaimedOutboxRow, error: { message: string; code?: number }) {
  await db.outbox.updateMany({
    where: { id: row.id, status: 'sending', attempts: row.attempts },
    data: { status: 'dead', lockedUntil: null, lastError: error.message.slice(0, 1000), lastErrcode: error.code ?? null },
  });
}

/** Puts a claimed row back without counting the attempt (rate limit: not our failure). */
export async function deferRow(db: Db, row: ClaimedOutboxRow, nextAttemptAt: Date): Promise<void> {
  await db.outbox.updateMany({
    where: { id: row.id, status: 'sending', attempts: row.attempts },
    data: { status: 'pending', attempts: row.attempts - 1, nextAttemptAt, lockedUntil: null },
  });
}

/** Send times to one member since `since`, oldest first (sent rows and rows being sent now). */
export async function recentSendTimes(db: Db, channel: string, recipient: string, since: Date): Promise<Date[]> {
  const rows = await db.outbox.findMany({
    where: {
      channel,
      recipient,
      OR: [{ status: 'sent', sentAt: { gte: since } }, { status: 'sending' }],
    },
    select: { sentAt: true, lockedUntil: true },
    orderBy: { sentAt: 'asc' },
  });
  return rows.map((r) => r.sentAt ?? since);
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
