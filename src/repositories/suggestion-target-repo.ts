// What rule S6's annual targets count: deputies, the groups with their members, and the
// groups' written reports of research and inspections (代表小组的调研、视察报告) in a year.
import type { Db } from './prisma.ts';

export async function listDeputies(db: Db, orgId: number): Promise<{ id: number; name: string }[]> {
  return db.person.findMany({ where: { orgId, levels: { not: '' } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
}

export async function listGroupsWithMembers(db: Db, orgId: number): Promise<{ id: number; name: string; memberIds: number[] }[]> {
  const units = await db.unit.findMany({
    where: { orgId, kind: 'group' },
    select: { id: true, name: true, memberships: { select: { personId: true } } },
    orderBy: { id: 'asc' },
  });
  return units.map((u) => ({ id: u.id, name: u.name, memberIds: u.memberships.map((m) => m.personId) }));
}

/** Per group: activities of these kinds in [from, to) whose written account is in. */
export async function countGroupReports(db: Db, orgId: number, kinds: string[], from: Date, to: Date): Promise<Map<number, number>> {
  const rows = await db.activity.groupBy({
    by: ['unitId'],
    where: { orgId, kind: { in: kinds }, status: 'scheduled', startAt: { gte: from, lt: to }, account: { not: null }, unit: { kind: 'group' } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.unitId, r._count._all]));
}

/** The leaders of each group, by unit (rule U2: the leader convenes and answers for it). */
export async function groupLeaders(db: Db, unitIds: number[]): Promise<Map<number, number[]>> {
  const rows = await db.membership.findMany({ where: { unitId: { in: unitIds }, role: { in: ['leader', 'vice_leader'] } }, select: { unitId: true, personId: true } });
  const out = new Map<number, number[]>();
  for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.personId]);
  return out;
}

export async function listOrganisationIds(db: Db): Promise<number[]> {
  return (await db.organisation.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((o) => o.id);
}
