// Rule A5: the quarterly activity registration form of each group, one row per (unit, quarter).
// Drafting is an INSERT … ON CONFLICT and confirming one conditional UPDATE, so two leaders
// confirming at once, or two instances drafting, settle on one outcome.
import type { Db } from './prisma.ts';

export interface FormRow {
  id: number;
  orgId: number;
  unitId: number;
  quarter: string;
  status: string;
  draftedAt: Date;
  activityCount: number;
  confirmedById: number | null;
  confirmedAt: Date | null;
  deliveredAt: Date | null;
}

/** Drafts the form once; false when it already exists (a restart, a second instance). */
export async function draftForm(db: Db, f: { orgId: number; unitId: number; quarter: string; activityCount: number; at: Date }): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO "ActivityForm" ("orgId", "unitId", "quarter", "status", "draftedAt", "activityCount")
    VALUES (${f.orgId}, ${f.unitId}, ${f.quarter}, 'awaiting', ${f.at}, ${f.activityCount})
    ON CONFLICT ("unitId", "quarter") DO NOTHING`;
  return inserted === 1;
}

export async function findForm(db: Db, id: number): Promise<FormRow | undefined> {
  return (await db.activityForm.findUnique({ where: { id } })) ?? undefined;
}

export async function findFormOf(db: Db, unitId: number, quarter: string): Promise<FormRow | undefined> {
  return (await db.activityForm.findUnique({ where: { unitId_quarter: { unitId, quarter } } })) ?? undefined;
}

export async function formsOf(db: Db, orgId: number, quarter: string, status?: string): Promise<FormRow[]> {
  return db.activityForm.findMany({ where: { orgId, quarter, ...(status ? { status } : {}) }, orderBy: { unitId: 'asc' } });
}

/** awaiting -> confirmed (and delivered now); false when it was no longer awaiting. */
export async function confirmForm(db: Db, id: number, byId: number, at: Date): Promise<boolean> {
  const { count } = await db.activityForm.updateMany({ where: { id, status: 'awaiting' }, data: { status: 'confirmed', confirmedById: byId, confirmedAt: at, deliveredAt: at } });
  return count === 1;
}
