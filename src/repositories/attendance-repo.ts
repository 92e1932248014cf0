// Attendance records (rule A6): present (self or by proxy) or on leave (rule L5).
import type { Db } from './prisma.ts';
import { slices } from './slices.ts';

export async function findAttendance(db: Db, activityId: number, personId: number) {
  return db.attendance.findUnique({ where: { activityId_personId: { activityId, personId } } });
}

/**
 * Records presence. A person on approved leave who comes anyway becomes present; someone
 * already present keeps their first sign-in time. Returns the record as it now stands.
 */
export async function recordPresence(
  db: Db,
  entry: { orgId: number; activityId: number; personId: number; at: Date; method: 'self' | 'proxy'; recordedById?: number },
) {
  const where = { activityId_personId: { activityId: entry.activityId, personId: entry.personId } };
  const presence = { status: 'present', method: entry.method, signedInAt: entry.at, recordedById: entry.recordedById ?? null };
  await db.attendance.upsert({
    where,
    create: { orgId: entry.orgId, activityId: entry.activityId, personId: entry.personId, ...presence },
    update: {},
  });
  await db.attendance.updateMany({ where: { activityId: entry.activityId, personId: entry.personId, status: { not: 'present' } }, data: presence });
  return (await db.attendance.findUnique({ where }))!;
}

/** Everyone invited to an activity with their attendance entry, for 签到情况. */
export async function attendanceSheet(db: Db, activityId: number) {
  const invitees = await db.activityInvitee.findMany({ where: { activityId }, select: { personId: true } });
  const people = [];
  for (const part of slices(invitees.map((i) => i.personId))) {
    people.push(...(await db.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true } })));
  }
  const entries = await db.attendance.findMany({ where: { activityId } });
  const byPerson = new Map(entries.map((e) => [e.personId, e]));
  return people.map((p) => ({ person: p, entry: byPerson.get(p.id) }));
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
