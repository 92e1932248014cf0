// What the office's console lists that no chat flow needed: leave across the units a person
// keeps, activities with their notices counted by status, one activity's answers. Read-only;
// the console's actions go through the same services as the chat.
import type { Db } from './prisma.ts';

export type UnitScope = number[] | 'all';

const unitWhere = (units: UnitScope) => (units === 'all' ? {} : { unitId: { in: units } });

export async function leavesOfUnits(db: Db, orgId: number, units: UnitScope, statuses: string[], take = 200) {
  const rows = await db.leaveRequest.findMany({
    where: { orgId, status: { in: statuses }, activity: unitWhere(units) },
    select: {
      id: true, personId: true, reason: true, status: true, decidedById: true, decidedAt: true, decisionNote: true, createdAt: true,
      activity: { select: { id: true, title: true, startAt: true, unit: { select: { id: true, name: true } } } },
    },
    orderBy: { id: 'desc' },
    take,
  });
  const names = await namesOf(db, rows.flatMap((r) => [r.personId, r.decidedById ?? 0]));
  return rows.map((r) => ({ ...r, personName: names.get(r.personId) ?? '', decidedByName: r.decidedById ? names.get(r.decidedById) ?? '' : '' }));
}

export async function activitiesOfUnits(db: Db, orgId: number, units: UnitScope, from: Date, to: Date | undefined, take = 100) {
  return db.activity.findMany({
    where: { orgId, ...unitWhere(units), endAt: { gte: from }, ...(to ? { startAt: { lte: to } } : {}) },
    select: { id: true, title: true, kind: true, startAt: true, endAt: true, place: true, status: true, unit: { select: { id: true, name: true, kind: true } }, _count: { select: { invitees: true } } },
    orderBy: { startAt: 'asc' },
    take,
  });
}

/** Notice rows of the activities counted by status (planned, queued, sent, dropped, missed). */
export async function noticeCounts(db: Db, activityIds: number[]): Promise<Map<number, Record<string, number>>> {
  const rows = activityIds.length
    ? await db.notice.groupBy({ by: ['activityId', 'status'], where: { activityId: { in: activityIds } }, _count: { _all: true } })
    : [];
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const counts = out.get(r.activityId) ?? {};
    counts[r.status] = r._count._all;
    out.set(r.activityId, counts);
  }
  return out;
}

/** The activity's notice plan: each kind of the current revision, when it is due, and how many rows in each status. */
export async function noticePlanRows(db: Db, activityId: number) {
  const activity = await db.activity.findUnique({ where: { id: activityId }, select: { revision: true } });
  if (!activity) return [];
  const rows = await db.notice.groupBy({
    by: ['kind', 'dueAt', 'status'],
    where: { activityId, OR: [{ revision: activity.revision }, { status: 'sent' }] },
    _count: { _all: true },
    orderBy: { dueAt: 'asc' },
  });
  return rows.map((r) => ({ kind: r.kind, dueAt: r.dueAt, status: r.status, count: r._count._all }));
}

export async function activityAnswers(db: Db, activityId: number) {
  const [rsvps, leaves, account] = await Promise.all([
    db.rsvp.findMany({ where: { activityId }, select: { personId: true, answer: true, answeredAt: true } }),
    db.leaveRequest.findMany({ where: { activityId }, select: { id: true, personId: true, reason: true, status: true, decidedById: true, createdAt: true }, orderBy: { id: 'asc' } }),
    db.activity.findUnique({ where: { id: activityId }, select: { account: true, accountAt: true, accountById: true } }),
  ]);
  const names = await namesOf(db, [...rsvps.map((r) => r.personId), ...leaves.flatMap((l) => [l.personId, l.decidedById ?? 0]), account?.accountById ?? 0]);
  return {
    rsvps: rsvps.map((r) => ({ ...r, name: names.get(r.personId) ?? '' })),
    leaves: leaves.map((l) => ({ ...l, name: names.get(l.personId) ?? '', decidedByName: l.decidedById ? names.get(l.decidedById) ?? '' : '' })),
    account: account?.account ? { text: account.account, at: account.accountAt, byName: names.get(account.accountById ?? 0) ?? '' } : undefined,
  };
}

/** Reception days of the stations in [from, to] (YYYY-MM-DD), cancelled ones left out, with how many are on duty. */
export async function receptionDaysOfUnits(db: Db, orgId: number, units: UnitScope, from: string, to: string, take = 500) {
  const rows = await db.receptionOccurrence.findMany({
    where: { orgId, ...(units === 'all' ? {} : { unitId: { in: units } }), status: { not: 'cancelled' }, date: { gte: from, lte: to } },
    select: { id: true, unitId: true, date: true, status: true, _count: { select: { duties: true } } },
    orderBy: [{ date: 'asc' }, { unitId: 'asc' }],
    take,
  });
  const ids = [...new Set(rows.map((r) => r.unitId))];
  const found = ids.length ? await db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(found.map((u) => [u.id, u.name]));
  return rows.map((r) => ({ id: r.id, unitId: r.unitId, unitName: names.get(r.unitId) ?? '', date: r.date, status: r.status, duties: r._count.duties }));
}

/** Stations (their reception rule stored as JSON) in roster order, or only those given. */
export async function stationsOf(db: Db, orgId: number, units: UnitScope) {
  return db.unit.findMany({ where: { orgId, kind: 'station', ...(units === 'all' ? {} : { id: { in: units } }) }, select: { id: true, orgId: true, name: true, receptionRule: true }, orderBy: { id: 'asc' } });
}

async function namesOf(db: Db, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids.filter((id) => id > 0))];
  if (!unique.length) return new Map();
  const people = await db.person.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(people.map((p) => [p.id, p.name]));
}

/** A unit's kind and stored notice policy (JSON), to preview an activity's notices before it exists. */
export async function unitNoticeSource(db: Db, orgId: number, unitId: number) {
  return (await db.unit.findFirst({ where: { orgId, id: unitId }, select: { kind: true, policy: true } })) ?? undefined;
}

/** Groups and stations with the group chat their announcements also go to. */
export async function unitsWithChats(db: Db, orgId: number) {
  return db.unit.findMany({ where: { orgId, kind: { in: ['group', 'station'] } }, select: { id: true, name: true, kind: true, groupChat: true }, orderBy: { id: 'asc' } });
}
