// Register files to build and send (ExportRequest): written once per source key, claimed by
// one worker at a time with a conditional update (a lock that expires, so a crashed build is
// taken back), and settled in one statement.
import type { Db } from './prisma.ts';

export interface NewExportRequest {
  orgId: number;
  sourceKey: string;
  channel: string;
  recipients: number[];
  requestedById?: number;
  book: string;
  unitId?: number;
  fromDay: string;
  toDay: string;
  fullNames: boolean;
  caption: string;
}

export interface ExportRequestRow {
  id: number;
  orgId: number;
  sourceKey: string;
  channel: string;
  recipients: number[];
  requestedById: number | null;
  book: string;
  unitId: number | null;
  fromDay: string;
  toDay: string;
  fullNames: boolean;
  caption: string;
  attempts: number;
}

/** Writes the request unless one with its source key exists; true when written now. */
export async function requestExport(db: Db, r: NewExportRequest, now: Date): Promise<boolean> {
  const written = await db.$executeRaw`
    INSERT INTO "ExportRequest" ("orgId", "sourceKey", "channel", "recipients", "requestedById", "book", "unitId", "fromDay", "toDay", "fullNames", "caption", "status", "attempts", "nextAttemptAt", "createdAt")
    VALUES (${r.orgId}, ${r.sourceKey}, ${r.channel}, ${JSON.stringify(r.recipients)}, ${r.requestedById ?? null}, ${r.book}, ${r.unitId ?? null}, ${r.fromDay}, ${r.toDay}, ${r.fullNames}, ${r.caption}, 'pending', 0, ${now}, ${now})
    ON CONFLICT ("sourceKey") DO NOTHING`;
  return written === 1;
}

/** Takes the oldest due request (or one whose builder died) for `lockMs`; undefined when none. */
export async function claimExport(db: Db, now: Date, lockMs: number): Promise<ExportRequestRow | undefined> {
  const due = { OR: [{ status: 'pending', nextAttemptAt: { lte: now } }, { status: 'building', lockedUntil: { lt: now } }] };
  for (let tries = 0; tries < 3; tries++) {
    const candidate = await db.exportRequest.findFirst({ where: due, orderBy: { id: 'asc' } });
    if (!candidate) return undefined;
    const { count } = await db.exportRequest.updateMany({
      where: { id: candidate.id, ...due },
      data: { status: 'building', lockedUntil: new Date(now.getTime() + lockMs), attempts: { increment: 1 } },
    });
    if (count === 1) return { ...candidate, attempts: candidate.attempts + 1, recipients: JSON.parse(candidate.recipients) as number[] };
  }
  return undefined;
}

export async function finishExport(db: Db, id: number, sheets: { name: string; rows: number }[], now: Date): Promise<void> {
  await db.exportRequest.updateMany({ where: { id, status: 'building' }, data: { status: 'done', sheets: JSON.stringify(sheets), doneAt: now, lockedUntil: null, lastError: null } });
}

export async function retryExport(db: Db, id: number, error: string, next: Date): Promise<void> {
  await db.exportRequest.updateMany({ where: { id, status: 'building' }, data: { status: 'pending', nextAttemptAt: next, lockedUntil: null, lastError: error } });
}

export async function failExport(db: Db, id: number, error: string, now: Date): Promise<void> {
  await db.exportRequest.updateMany({ where: { id, status: 'building' }, data: { status: 'failed', doneAt: now, lockedUntil: null, lastError: error } });
}
