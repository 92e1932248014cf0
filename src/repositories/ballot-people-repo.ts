// People a report-back evaluation names (rules E1–E3): the reporting deputy and the organiser by
// name, and voters matched to the roster by phone or WeCom account (those vote by card).
import type { Db } from './prisma.ts';
import { slices } from './slices.ts';

export function peopleNamed(db: Db, orgId: number, name: string) {
  return db.person.findMany({ where: { orgId, name }, select: { id: true, name: true, levels: true }, orderBy: { id: 'asc' } });
}

/** Roster people with an account, by mobile and by account id, for matching a voter file. */
export async function rosterMatches(db: Db, orgId: number, mobiles: string[], accounts: string[]) {
  const byMobile = new Map<string, { id: number; name: string }>();
  const byAccount = new Map<string, { id: number; name: string }>();
  for (const part of slices(mobiles)) {
    const rows = await db.person.findMany({ where: { orgId, mobile: { in: part }, accounts: { some: {} } }, select: { id: true, name: true, mobile: true } });
    for (const r of rows) byMobile.set(r.mobile, r);
  }
  for (const part of slices(accounts)) {
    const rows = await db.platformAccount.findMany({ where: { orgId, platformUserId: { in: part } }, select: { platformUserId: true, person: { select: { id: true, name: true } } } });
    for (const r of rows) byAccount.set(r.platformUserId, r.person);
  }
  return { byMobile, byAccount };
}

/** Members of the named units who have an account (voters picked by unit vote by card). */
export async function unitMembersWithAccounts(db: Db, orgId: number, unitNames: string[]) {
  const units = await db.unit.findMany({ where: { orgId, name: { in: unitNames } }, select: { id: true, name: true } });
  const members = await db.membership.findMany({
    where: { unitId: { in: units.map((u) => u.id) }, person: { accounts: { some: {} } } },
    select: { person: { select: { id: true, name: true, mobile: true } } },
    orderBy: { personId: 'asc' },
  });
  return { found: units.map((u) => u.name), people: [...new Map(members.map((m) => [m.person.id, m.person])).values()] };
}

export function activityForBallot(db: Db, orgId: number, id: number) {
  return db.activity.findFirst({ where: { id, orgId }, select: { id: true, title: true, kind: true, status: true, startAt: true, endAt: true } });
}
