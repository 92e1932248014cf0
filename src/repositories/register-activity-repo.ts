// The registers' view of activities (rules A1, A5, A6): the ones held in a period (ended by
// now, not cancelled), page by page, with who was invited and how each attended.
import { finalAttendance, type FinalAttendance } from '../domain/attendance-state.ts';
import { stateOf } from './attendance-repo.ts';
import type { Db } from './prisma.ts';
import { slices } from './slices.ts';

export const PAGE_SIZE = 500;

export interface ActivityQuery {
  orgId: number;
  unitId?: number;
  /** Only units of this kind (the quarterly form: groups). */
  unitKind?: string;
  from: Date;
  to: Date;
  now: Date;
  /** Only these kinds, or every kind but these. */
  kinds?: { in: readonly string[] } | { notIn: readonly string[] };
}

export interface HeldActivity {
  id: number;
  unitId: number;
  unitName: string;
  kind: string;
  title: string;
  startAt: Date;
  endAt: Date;
  place: string;
  content: string;
  account: string | null;
  accountById: number | null;
  createdById: number | null;
}

function where(q: ActivityQuery) {
  return {
    orgId: q.orgId,
    status: 'scheduled',
    startAt: { gte: q.from, lt: q.to },
    endAt: { lte: q.now },
    ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
    ...(q.unitKind ? { unit: { kind: q.unitKind } } : {}),
    ...(q.kinds ? { kind: 'in' in q.kinds ? { in: [...q.kinds.in] } : { notIn: [...q.kinds.notIn] } } : {}),
  };
}

/** Held activities in start order, read PAGE_SIZE at a time. */
export async function* heldActivities(db: Db, q: ActivityQuery): AsyncIterable<HeldActivity[]> {
  let cursor: number | undefined;
  for (;;) {
    const page = await db.activity.findMany({
      where: where(q),
      select: {
        id: true, unitId: true, kind: true, title: true, startAt: true, endAt: true, place: true, content: true,
        account: true, accountById: true, createdById: true, unit: { select: { name: true } },
      },
      orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
      take: PAGE_SIZE,
      ...(cursor !== undefined ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) return;
    yield page.map(({ unit, ...a }) => ({ ...a, unitName: unit.name }));
    if (page.length < PAGE_SIZE) return;
    cursor = page[page.length - 1]!.id;
  }
}

/** Every held activity of the query at once (the attendance book needs them all as columns). */
export async function allHeldActivities(db: Db, q: ActivityQuery): Promise<HeldActivity[]> {
  const out: HeldActivity[] = [];
  for await (const page of heldActivities(db, q)) out.push(...page);
  return out;
}

/**
 * Rule A6 for ended activities: each invited deputy's final attendance (present, on leave,
 * absent), activityId → personId → state. Staff invited with their unit (a station's liaison
 * who is not a deputy) are not on the attendance record.
 */
export async function finalAttendanceOf(db: Db, activityIds: number[]): Promise<Map<number, Map<number, FinalAttendance>>> {
  const out = new Map<number, Map<number, FinalAttendance>>();
  for (const part of slices(activityIds)) {
    const invited = await db.activityInvitee.findMany({ where: { activityId: { in: part } }, select: { activityId: true, personId: true } });
    const deputies = await deputyIdsAmong(db, invited.map((i) => i.personId));
    const invitees = invited.filter((i) => deputies.has(i.personId));
    const rows = await db.attendance.findMany({ where: { activityId: { in: part } }, select: { activityId: true, personId: true, status: true } });
    const status = new Map(rows.map((r) => [`${r.activityId}:${r.personId}`, r.status]));
    for (const i of invitees) {
      const byPerson = out.get(i.activityId) ?? new Map<number, FinalAttendance>();
      byPerson.set(i.personId, finalAttendance(stateOf(status.get(`${i.activityId}:${i.personId}`))));
      out.set(i.activityId, byPerson);
    }
  }
  return out;
}

async function deputyIdsAmong(db: Db, personIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const part of slices([...new Set(personIds)])) {
    for (const p of await db.person.findMany({ where: { id: { in: part }, levels: { not: '' } }, select: { id: true } })) out.add(p.id);
  }
  return out;
}

/** Names of people by id. */
export async function namesOf(db: Db, personIds: Iterable<number>): Promise<Map<number, string>> {
  const ids = [...new Set(personIds)];
  const out = new Map<number, string>();
  for (const part of slices(ids)) {
    for (const p of await db.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true } })) out.set(p.id, p.name);
  }
  return out;
}

/** People by id with what the handbook shows about them, in roster order. */
export async function peopleByIds(db: Db, personIds: number[]) {
  const out = [];
  for (const part of slices(personIds)) {
    out.push(...(await db.person.findMany({
      where: { id: { in: part } },
      select: { id: true, name: true, levels: true, workUnit: true, district: true, memberships: { select: { role: true, unit: { select: { name: true, kind: true } } } } },
      orderBy: { id: 'asc' },
    })));
  }
  return out.sort((a, b) => a.id - b.id);
}

/** The deputies of a unit (or of the organisation): people with a deputy level, in roster order. */
export async function deputiesInScope(db: Db, orgId: number, unitId?: number): Promise<number[]> {
  const people = await db.person.findMany({
    where: { orgId, levels: { not: '' }, ...(unitId !== undefined ? { memberships: { some: { unitId } } } : {}) },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  return people.map((p) => p.id);
}

/** Everyone who is a member of the unit now (whose suggestions a unit's books show). */
export async function memberIds(db: Db, unitId: number): Promise<number[]> {
  const rows = await db.membership.findMany({ where: { unitId }, select: { personId: true } });
  return [...new Set(rows.map((r) => r.personId))];
}

/** Rules P2, A6: the held activities of the period a person was invited to, with how they attended. */
export async function attendanceOf(db: Db, orgId: number, personId: number, from: Date, to: Date, now: Date) {
  const invited = await db.activityInvitee.findMany({
    where: { personId, activity: { orgId, status: 'scheduled', startAt: { gte: from, lt: to }, endAt: { lte: now } } },
    select: { activity: { select: { id: true, kind: true, title: true, startAt: true, unit: { select: { name: true } } } } },
  });
  const rows = await db.attendance.findMany({ where: { personId, activityId: { in: invited.map((i) => i.activity.id) } } });
  const byActivity = new Map(rows.map((r) => [r.activityId, r]));
  return invited
    .map(({ activity: a }) => {
      const row = byActivity.get(a.id);
      return { id: a.id, kind: a.kind, title: a.title, startAt: a.startAt, unitName: a.unit.name, final: finalAttendance(stateOf(row?.status)), signedInAt: row?.signedInAt ?? null, method: row?.method ?? null };
    })
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime() || a.id - b.id);
}

/** Rules L1, L2: a person's written leave requests for activities starting in the period. */
export async function leavesOf(db: Db, orgId: number, personId: number, from: Date, to: Date) {
  const leaves = await db.leaveRequest.findMany({
    where: { orgId, personId, activity: { startAt: { gte: from, lt: to } } },
    select: { reason: true, status: true, createdAt: true, activity: { select: { title: true, startAt: true, unit: { select: { name: true } } } } },
  });
  return leaves.sort((a, b) => a.activity.startAt.getTime() - b.activity.startAt.getTime());
}
