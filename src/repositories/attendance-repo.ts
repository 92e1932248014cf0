// Attendance records (rules A6, L5): one row per (activity, person) holding its state from
// src/domain/attendance-state.ts. "invited" is the absence of a row; every change is one
// conditional statement guarded by the states the transition may start from, so two events
// for the same person (a sign-in and a leave decision) can never both apply.
import type { AttendanceState } from '../domain/attendance-state.ts';
import { Prisma, type Db } from './prisma.ts';
import { slices } from './slices.ts';

/** How a state is stored in Attendance.status ('leave' is what approved leave was always stored as). */
const STORED: Record<Exclude<AttendanceState, 'invited'>, string> = {
  attending: 'attending',
  leave_pending: 'leave_pending',
  on_leave: 'leave',
  leave_rejected: 'leave_rejected',
  present: 'present',
};
const BY_STORED = new Map(Object.entries(STORED).map(([state, stored]) => [stored, state as AttendanceState]));

export function stateOf(status: string | null | undefined): AttendanceState {
  return (status && BY_STORED.get(status)) || 'invited';
}

export interface AttendanceKey {
  orgId: number;
  activityId: number;
  personId: number;
}

export interface AttendanceRecord {
  state: AttendanceState;
  /** When present: the sign-in time, how (self or proxy) and who recorded a proxy sign-in. */
  signedInAt: Date | null;
  method: string | null;
  recordedById: number | null;
  id?: number;
}

export async function findState(db: Db, activityId: number, personId: number): Promise<AttendanceRecord> {
  const row = await db.attendance.findUnique({ where: { activityId_personId: { activityId, personId } } });
  if (!row) return { state: 'invited', signedInAt: null, method: null, recordedById: null };
  return { id: row.id, state: stateOf(row.status), signedInAt: row.signedInAt, method: row.method, recordedById: row.recordedById };
}

/** Everyone with a row; the invitees without one are 'invited'. */
export async function statesFor(db: Db, activityId: number): Promise<Map<number, AttendanceState>> {
  const rows = await db.attendance.findMany({ where: { activityId }, select: { personId: true, status: true } });
  return new Map(rows.map((r) => [r.personId, stateOf(r.status)]));
}

/**
 * Moves one person's state from one of `from` to `to` in one conditional statement; true when
 * this call changed it (false: the state was none of `from`). A sign-in records its time and
 * method; other states clear them.
 */
export async function moveState(
  db: Db, key: AttendanceKey, from: readonly AttendanceState[], to: Exclude<AttendanceState, 'invited'>, at: Date,
  presence?: { method: 'self' | 'proxy'; recordedById?: number },
): Promise<boolean> {
  const fields = {
    status: STORED[to],
    method: presence?.method ?? (to === 'attending' ? 'answer' : 'leave'),
    signedInAt: presence ? at : null,
    recordedById: presence?.recordedById ?? null,
  };
  const stored = from.filter((s): s is Exclude<AttendanceState, 'invited'> => s !== 'invited').map((s) => STORED[s]);
  if (!from.includes('invited')) {
    const { count } = await db.attendance.updateMany({
      where: { activityId: key.activityId, personId: key.personId, status: { in: stored } },
      data: { ...fields, updatedAt: at },
    });
    return count === 1;
  }
  // From "no row" (invited) or one of the stored states: an insert that updates only a row in one of them.
  const onConflict = stored.length
    ? Prisma.sql`DO UPDATE SET "status" = excluded."status", "method" = excluded."method", "signedInAt" = excluded."signedInAt",
        "recordedById" = excluded."recordedById", "updatedAt" = excluded."updatedAt" WHERE "Attendance"."status" IN (${Prisma.join(stored)})`
    : Prisma.sql`DO NOTHING`;
  const changed = await db.$executeRaw`
    INSERT INTO "Attendance" ("orgId", "activityId", "personId", "status", "method", "signedInAt", "recordedById", "createdAt", "updatedAt")
    VALUES (${key.orgId}, ${key.activityId}, ${key.personId}, ${fields.status}, ${fields.method}, ${fields.signedInAt}, ${fields.recordedById}, ${at}, ${at})
    ON CONFLICT ("activityId", "personId") ${onConflict}`;
  return changed === 1;
}

/**
 * Puts back the state a leave request moved from (the request itself was refused): a row that
 * was created for it (from invited) is deleted, otherwise its state is restored. Only while it
 * is still leave_pending.
 */
export async function revertLeavePending(db: Db, key: AttendanceKey, previous: AttendanceState, at: Date): Promise<void> {
  if (previous === 'invited') {
    await db.attendance.deleteMany({ where: { activityId: key.activityId, personId: key.personId, status: STORED.leave_pending } });
    return;
  }
  await moveState(db, key, ['leave_pending'], previous, at);
}

/** Everyone invited to an activity with their state (签到情况, the summary, the account). */
export async function attendanceSheet(db: Db, activityId: number) {
  const invitees = await db.activityInvitee.findMany({ where: { activityId }, select: { personId: true } });
  const people = [];
  for (const part of slices(invitees.map((i) => i.personId))) {
    people.push(...(await db.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true } })));
  }
  const entries = await db.attendance.findMany({ where: { activityId } });
  const byPerson = new Map(entries.map((e) => [e.personId, e]));
  return people.map((p) => {
    const entry = byPerson.get(p.id);
    return { person: p, state: stateOf(entry?.status), signedInAt: entry?.signedInAt ?? null };
  });
}

/** Invitees of the activity whose name matches (for 代签 张三). */
export async function findInviteesByName(db: Db, activityId: number, name: string) {
  const invitees = await db.activityInvitee.findMany({ where: { activityId }, select: { personId: true } });
  const found = [];
  for (const part of slices(invitees.map((i) => i.personId))) {
    found.push(...(await db.person.findMany({ where: { id: { in: part }, name }, select: { id: true, name: true } })));
  }
  return found;
}

/** Activities whose sign-in window is open now, of the given units (or every unit). */
export async function findOpenActivities(db: Db, orgId: number, unitIds: number[] | 'all', now: Date) {
  const candidates = await db.activity.findMany({
    where: {
      orgId,
      status: 'scheduled',
      endAt: { gte: now },
      startAt: { lte: new Date(now.getTime() + 24 * 3600_000) },
      ...(unitIds === 'all' ? {} : { unitId: { in: unitIds } }),
    },
    select: { id: true, title: true, startAt: true, endAt: true, signInOpensBefore: true, unit: { select: { id: true, name: true } } },
    orderBy: { startAt: 'asc' },
  });
  return candidates.filter((a) => a.startAt.getTime() - a.signInOpensBefore * 60_000 <= now.getTime());
}
