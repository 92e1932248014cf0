// Rule L4: sessions of the people's congress — meetings the office marked as sessions.
import type { Db } from './prisma.ts';

export function findSessionActivity(db: Db, orgId: number, id: number) {
  return db.activity.findFirst({ where: { id, orgId }, select: { id: true, title: true, kind: true, startAt: true, endAt: true, isSession: true } }).then((a) => a && { ...a, isSession: a.isSession === true });
}

export async function setSession(db: Db, id: number, on: boolean): Promise<void> {
  await db.activity.update({ where: { id }, data: { isSession: on } });
}

/** Sessions (any organisation) that ended in [since, now]. */
export function sessionsEndedSince(db: Db, since: Date, now: Date) {
  return db.activity.findMany({ where: { isSession: true, status: 'scheduled', endAt: { gte: since, lte: now } }, select: { id: true, orgId: true, endAt: true } });
}

/** The organisation's sessions starting in [from, to), oldest first. */
export function sessionsOfPeople(db: Db, orgId: number, from: Date, to: Date) {
  return db.activity.findMany({ where: { orgId, isSession: true, status: 'scheduled', startAt: { gte: from, lt: to } }, select: { id: true, title: true }, orderBy: [{ startAt: 'asc' }, { id: 'asc' }] });
}
