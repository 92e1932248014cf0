// What office staff do with rows the outbox gave up on: list them, put one back in the queue,
// or discard it. Each write is one conditional statement on the status it was shown in.
import type { Db } from './prisma.ts';

export const STAFF_STATUSES = ['dead', 'uncertain'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export interface StaffRow {
  id: number;
  status: string;
  kind: string;
  recipient: string;
  attempts: number;
  createdAt: Date;
  firstAttemptAt: Date | null;
  lastErrcode: number | null;
  lastError: string | null;
}

const SELECT = {
  id: true, status: true, kind: true, recipient: true, attempts: true, createdAt: true, firstAttemptAt: true, lastErrcode: true, lastError: true,
} as const;

export function listStaffRows(db: Db, orgId: number, statuses: readonly StaffStatus[]): Promise<StaffRow[]> {
  return db.outbox.findMany({ where: { orgId, status: { in: [...statuses] } }, select: SELECT, orderBy: { id: 'asc' } });
}

export function findStaffRow(db: Db, orgId: number, id: number): Promise<StaffRow | null> {
  return db.outbox.findFirst({ where: { orgId, id }, select: SELECT });
}

/**
 * Back to the queue as a fresh send: tries and the repeat window start again. The row keeps
 * its key and content, so a card's task_id is the same and WeCom still refuses a second copy.
 * Returns whether it was still in `status`.
 */
export async function requeueRow(db: Db, id: number, status: StaffStatus, now: Date): Promise<boolean> {
  const changed = await db.$executeRaw`
    UPDATE "Outbox" SET "status" = 'pending', "attempts" = 0, "nextAttemptAt" = ${now}, "lockedUntil" = NULL,
      "maybeDelivered" = ${false}, "unguarded" = ${false}, "firstAttemptAt" = NULL
    WHERE "id" = ${id} AND "status" = ${status}`;
  return changed === 1;
}

export async function discardRow(db: Db, id: number, status: StaffStatus): Promise<boolean> {
  const changed = await db.$executeRaw`UPDATE "Outbox" SET "status" = 'discarded', "lockedUntil" = NULL WHERE "id" = ${id} AND "status" = ${status}`;
  return changed === 1;
}
