// Staff decisions on messages the outbox gave up on (npm run outbox). `dead`: certainly not
// delivered. `uncertain`: may have arrived, and sending it again could deliver it twice —
// so only a person decides. Retrying an uncertain row is that decision: the person may get
// it twice, except where the platform drops the repeat (WeCom: a text within 4 hours of the
// first copy, a card at any time).
import * as rows from '../repositories/outbox-staff-repo.ts';
import type { Db } from '../repositories/prisma.ts';

export type { StaffRow, StaffStatus } from '../repositories/outbox-staff-repo.ts';
export const STAFF_STATUSES = rows.STAFF_STATUSES;

export type StaffActionResult =
  | { ok: true; row: rows.StaffRow }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'wrong_status'; row: rows.StaffRow };

export function listForStaff(db: Db, orgId: number, statuses: readonly rows.StaffStatus[] = rows.STAFF_STATUSES) {
  return rows.listStaffRows(db, orgId, statuses);
}

export async function retryForStaff(db: Db, orgId: number, id: number, now: Date): Promise<StaffActionResult> {
  return act(db, orgId, id, (row, status) => rows.requeueRow(db, row.id, status, now));
}

export async function discardForStaff(db: Db, orgId: number, id: number): Promise<StaffActionResult> {
  return act(db, orgId, id, (row, status) => rows.discardRow(db, row.id, status));
}

async function act(
  db: Db, orgId: number, id: number, change: (row: rows.StaffRow, status: rows.StaffStatus) => Promise<boolean>,
): Promise<StaffActionResult> {
  const row = await rows.findStaffRow(db, orgId, id);
  if (!row) return { ok: false, reason: 'not_found' };
  const status = rows.STAFF_STATUSES.find((s) => s === row.status);
  // Compare-and-set on the status shown: a row the worker or another person just changed is refused.
  if (!status || !(await change(row, status))) return { ok: false, reason: 'wrong_status', row: (await rows.findStaffRow(db, orgId, id)) ?? row };
  return { ok: true, row };
}
