// Activities and their invitees (rules A1, A6). Queries only; the rules live in
// src/services/activity-service.ts. Every query is scoped by orgId.
import type { Db } from './prisma.ts';

export const ACTIVITY_STATUS = { scheduled: 'scheduled', cancelled: 'cancelled' } as const;

export interface UnitSummary {
  id: number;
  kind: string;
  name: string;
}

export interface ActivityView {
  id: number;
  orgId: number;
  unitId: number;
  kind: string;
  title: string;
  startAt: Date;
  endAt: Date;
  place: string;
  content: string;
  /** The code announced at the venue: compare it, never show it to deputies (rule A6). */
  signInCode: string | null;
  signInOpensBefore: number;
  status: string;
  createdById: number | null;
  unit: UnitSummary;
}

export interface ActivityListItem extends ActivityView {
  inviteeCount: number;
}

export type NewActivityRow = Omit<ActivityView, 'id' | 'unit' | 'status'>;

export type UnitLookup =
  | { status: 'found'; unit: UnitSummary }
  | { status: 'none'; knownNames: string[] }
  | { status: 'ambiguous'; units: UnitSummary[] };

const UNIT = { select: { id: true, kind: true, name: true } } as const;
const VIEW = {
  id: true,
  orgId: true,
  unitId: true,
  kind: true,
  title: true,
  startAt: true,
  endAt: true,
  place: true,
  content: true,
  signInCode: true,
  signInOpensBefore: true,
  status: true,
  createdById: true,
  unit: UNIT,
} as const;
const WITH_COUNT = { ...VIEW, _count: { select: { invitees: true } } } as const;

export async function getUnit(db: Db, orgId: number, unitId: number): Promise<UnitSummary | undefined> {
  return (await db.unit.findFirst({ where: { id: unitId, orgId }, ...UNIT })) ?? undefined;
}

/** A unit by name, whatever its kind; a name used by two kinds is reported, not guessed. */
export async function findUnitByName(db: Db, orgId: number, name: string): Promise<UnitLookup> {
  const units = await db.unit.findMany({ where: { orgId, name }, ...UNIT, orderBy: { id: 'asc' } });
  if (units.length === 1) return { status: 'found', unit: units[0]! };
  if (units.length > 1) return { status: 'ambiguous', units };
  const known = await db.unit.findMany({ where: { orgId }, select: { name: true }, orderBy: { id: 'asc' } });
  return { status: 'none', knownNames: [...new Set(known.map((u) => u.name))] };
}

/**
 * Creates the activity, then its invitees with one createMany: by default everyone with a
 * membership in the unit right now. No interactive transaction (see prisma.ts), so a failed
 * invitee insert deletes the activity again rather than leave one that invites nobody.
 */
export async function createActivityWithInvitees(
  db: Db,
  row: NewActivityRow,
  inviteeIds?: number[],
  /** Unique origin of a generated activity ("reception:<occurrenceId>"); a duplicate throws P2002. */
  sourceKey?: string,
): Promise<ActivityListItem> {
  const ids = [...new Set(inviteeIds ?? (await unitMemberIds(db, row.unitId)))];
  const { id } = await db.activity.create({ data: { ...row, sourceKey: sourceKey ?? null }, select: { id: true } });
  try {
    if (ids.length > 0) {
      await db.activityInvitee.createMany({ data: ids.map((personId) => ({ activityId: id, personId })) });
    }
  } catch (err) {
    await db.activity.deleteMany({ where: { id } });
    throw err;
  }
  return (await getActivityWithCount(db, row.orgId, id))!;
}

async function unitMemberIds(db: Db, unitId: number): Promise<number[]> {
  const rows = await db.membership.findMany({
    where: { unitId },
    select: { personId: true },
    orderBy: { personId: 'asc' },
  });
  return rows.map((r) => r.personId);
}

export async function listActivities(
  db: Db,
  filter: { orgId: number; unitId?: number; from?: Date },
): Promise<ActivityListItem[]> {
  const rows = await db.activity.findMany({
    where: { orgId: filter.orgId, unitId: filter.unitId, ...(filter.from ? { endAt: { gte: filter.from } } : {}) },
    select: WITH_COUNT,
    orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(withCount);
}

export async function getActivity(db: Db, orgId: number, id: number): Promise<ActivityView | undefined> {
  return (await db.activity.findFirst({ where: { id, orgId }, select: VIEW })) ?? undefined;
}

export async function getActivityWithCount(db: Db, orgId: number, id: number): Promise<ActivityListItem | undefined> {
  const row = await db.activity.findFirst({ where: { id, orgId }, select: WITH_COUNT });
  return row ? withCount(row) : undefined;
}

/**
 * scheduled -> cancelled in one conditional update; true when this call changed it. With
 * notEndedAt, an activity that has already ended stays as it is (its attendance record, A6).
 */
export async function cancelActivity(db: Db, orgId: number, id: number, notEndedAt?: Date): Promise<boolean> {
  const { count } = await db.activity.updateMany({
    where: { id, orgId, status: ACTIVITY_STATUS.scheduled, ...(notEndedAt ? { endAt: { gt: notEndedAt } } : {}) },
    data: { status: ACTIVITY_STATUS.cancelled },
  });
  return count === 1;
}

/** Scheduled activities inviting the person that have not started yet, soonest first. */
export async function findUpcomingForPerson(
  db: Db,
  orgId: number,
  personId: number,
  now: Date,
): Promise<ActivityView[]> {
  return db.activity.findMany({
    where: { ...invitedScheduled(orgId, personId), startAt: { gt: now } },
    select: VIEW,
    orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
  });
}

/** Rule A6: activities the person may sign in to now: startAt - signInOpensBefore <= now <= endAt. */
export async function findOpenForSignIn(db: Db, orgId: number, personId: number, now: Date): Promise<ActivityView[]> {
  const notEnded = await invitedNotEnded(db, orgId, personId, now);
  return notEnded.filter((a) => signInOpensAt(a) <= now.getTime());
}

/** The invited activity whose sign-in window opens next (to tell the person when). */
export async function findNextOpeningForPerson(
  db: Db,
  orgId: number,
  personId: number,
  now: Date,
): Promise<(ActivityView & { opensAt: Date }) | undefined> {
  const notEnded = await invitedNotEnded(db, orgId, personId, now);
  // The window length is per activity, so the soonest start is not always the soonest opening.
  const waiting = notEnded
    .map((a) => ({ ...a, opensAt: new Date(signInOpensAt(a)) }))
    .filter((a) => a.opensAt.getTime() > now.getTime())
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime() || a.startAt.getTime() - b.startAt.getTime());
  return waiting[0];
}

/** One person's scheduled, not yet ended activities: a short list, filtered further in code. */
async function invitedNotEnded(db: Db, orgId: number, personId: number, now: Date): Promise<ActivityView[]> {
  return db.activity.findMany({
    where: { ...invitedScheduled(orgId, personId), endAt: { gte: now } },
    select: VIEW,
    orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
  });
}

function invitedScheduled(orgId: number, personId: number) {
  return { orgId, status: ACTIVITY_STATUS.scheduled, invitees: { some: { personId } } };
}

function signInOpensAt(a: { startAt: Date; signInOpensBefore: number }): number {
  return a.startAt.getTime() - a.signInOpensBefore * 60_000;
}

function withCount<T extends { _count: { invitees: number } }>(row: T): Omit<T, '_count'> & { inviteeCount: number } {
  const { _count, ...rest } = row;
  return { ...rest, inviteeCount: _count.invitees };
}

/** The units activities are held by (groups and stations; the office is not one), by id. */
export async function listActivityUnits(db: Db, orgId: number): Promise<UnitSummary[]> {
  return db.unit.findMany({ where: { orgId, kind: { in: ['group', 'station'] } }, ...UNIT, orderBy: { id: 'asc' } });
}

/** Scheduled activities of these units (or all) that have not started yet, soonest first. */
export async function findUpcomingForUnits(
  db: Db,
  orgId: number,
  unitIds: number[] | 'all',
  now: Date,
): Promise<ActivityView[]> {
  return db.activity.findMany({
    where: { orgId, status: ACTIVITY_STATUS.scheduled, startAt: { gt: now }, ...(unitIds === 'all' ? {} : { unitId: { in: unitIds } }) },
    select: VIEW,
    orderBy: [{ startAt: 'asc' }, { id: 'asc' }],
  });
}

export type ActivityChanges = Partial<Pick<ActivityView, 'title' | 'startAt' | 'endAt' | 'place' | 'content'>>;

/**
 * One conditional update: only a scheduled, not yet started activity still at `revision`
 * changes, and its revision goes up by one (planned notices of the old one are then skipped).
 * True when this call changed it.
 */
export async function updateActivity(
  db: Db,
  where: { orgId: number; id: number; revision: number; notStartedAt: Date },
  changes: ActivityChanges,
): Promise<boolean> {
  const { count } = await db.activity.updateMany({
    where: { id: where.id, orgId: where.orgId, revision: where.revision, status: ACTIVITY_STATUS.scheduled, startAt: { gt: where.notStartedAt } },
    data: { ...changes, revision: { increment: 1 } },
  });
  return count === 1;
}

export async function getRevision(db: Db, orgId: number, id: number): Promise<number | undefined> {
  return (await db.activity.findFirst({ where: { id, orgId }, select: { revision: true } }))?.revision;
}

/** How many people the unit has now (the default invitees of a new activity). */
/** The unit's members with their names, in roster order (choosing invitees by name). */
export async function unitMembers(db: Db, unitId: number): Promise<{ id: number; name: string }[]> {
  const rows = await db.membership.findMany({ where: { unitId }, select: { person: { select: { id: true, name: true } } }, orderBy: { personId: 'asc' } });
  return rows.map((r) => r.person);
}

export async function countUnitMembers(db: Db, unitId: number): Promise<number> {
  return db.membership.count({ where: { unitId } });
}
