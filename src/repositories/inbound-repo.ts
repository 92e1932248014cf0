// InboundEvent rows: the claim that makes a callback "ours" (unique platform key) and the
// work queue the inbound worker drains.
import { Prisma, type Db } from './prisma.ts';

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
  const inserted = await db.$queryRaw<{ platformKey: string }[]>`
    INSERT INTO "InboundEvent" ("orgId", "channel", "platformKey", "kind", "senderId", "payload", "status", "attempts", "nextAttemptAt", "receivedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("channel", "platformKey") DO NOTHING
    RETURNING "platformKey"`;
  return new Set(inserted.map((r) => r.platformKey));
}

/** Claims due events (new ones, retries, and ones a crashed worker left locked). */
export async function claimDueEvents(db: Db, now: Date, limit: number, lockMs: number): Promise<ClaimedInboundEvent[]> {
  const candidates = await db.inboundEvent.findMany({
    where: {
      OR: [
        { status: 'pending', nextAttemptAt: { lte: now } },
        { status: 'processing', lockedUntil: { lt: now } },
      ],
    },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true, orgId: true, channel: true, senderId: true, payload: true, attempts: true, status: true },
  });
  const claimed: ClaimedInboundEvent[] = [];
  for (const c of candidates) {
    const { count } = await db.inboundEvent.updateMany({
      where: { id: c.id, status: c.status, attempts: c.attempts },
      data: { status: 'processing', attempts: c.attempts + 1, lockedUntil: new Date(now.getTime() + lockMs) },
    });
    if (count === 1) claimed.push({ ...c, attempts: c.attempts + 1 });
  }
  return claimed;
}

export async function markEventDone(db: Db, id: number, attempts: number, now: Date): Promise<void> {
  await db.inboundEvent.updateMany({
    where: { id, status: 'processing', attempts },
    data: { status: 'done', processedAt: now, lockedUntil: null, lastError: null },
  });
}

export async function markEventRetry(db: Db, id: number, attempts: number, nextAttemptAt: Date, error: string) {
  await db.inboundEvent.updateMany({
    where: { id, status: 'processing', attempts },
    data: { status: 'pending', nextAttemptAt, lockedUntil: null, lastError: error.slice(0, 1000) },
  });
}

export async function markEventFailed(db: Db, id: number, attempts: number, now: Date, error: string) {
  await db.inboundEvent.updateMany({
    where: { id, status: 'processing', attempts },
    data: { status: 'failed', processedAt: now, lockedUntil: null, lastError: error.slice(0, 1000) },
  });
}

export async function inboundBacklog(db: Db): Promise<{ status: string; count: number }[]> {
  const rows = await db.inboundEvent.groupBy({
    by: ['status'],
    where: { status: { in: ['pending', 'processing', 'failed'] } },
    _count: { _all: true },
  });
  return rows.map((r) => ({ status: r.status, count: r._count._all }));
}
