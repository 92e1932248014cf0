// The roster's history (RosterEvent) and the statements that take a person off the roster or
// bring them back. Each write is one statement; leaving is decided by one conditional update
// (leftAt still null), so two members of staff deactivating at once record it once.
import type { Db } from './prisma.ts';

export interface HeldUnits {
  units: { kind: string; name: string; role: string }[];
  accounts: { channel: string; platformUserId: string }[];
}

export async function activePerson(db: Db, orgId: number, personId: number) {
  return db.person.findFirst({
    where: { id: personId, orgId },
    select: {
      id: true, name: true, leftAt: true,
      memberships: { select: { role: true, unit: { select: { kind: true, name: true } } } },
      accounts: { select: { channel: true, platformUserId: true } },
    },
  });
}

/** Marks the person as left; true when this call did (they were on the roster). */
export async function markLeft(db: Db, personId: number, at: Date): Promise<boolean> {
  const { count } = await db.person.updateMany({ where: { id: personId, leftAt: null }, data: { leftAt: at } });
  return count === 1;
}

/** A person who left holds no unit and no account (finishes a deactivation cut short, too). */
export async function dropUnitsAndAccounts(db: Db, personId: number): Promise<void> {
  await db.membership.deleteMany({ where: { personId } });
  await db.platformAccount.deleteMany({ where: { personId } });
}

export async function clearLeft(db: Db, personIds: number[]): Promise<void> {
  if (personIds.length > 0) await db.person.updateMany({ where: { id: { in: personIds } }, data: { leftAt: null } });
}

export async function addEvents(db: Db, rows: { orgId: number; personId: number; action: string; note?: string; detail?: HeldUnits; actorId: number | null; at: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.rosterEvent.createMany({ data: rows.map((r) => ({ ...r, note: r.note ?? '', detail: JSON.stringify(r.detail ?? {}) })) });
}

/** The organisation's people who left, latest first, with the reason recorded. */
export async function listLeft(db: Db, orgId: number) {
  const people = await db.person.findMany({ where: { orgId, leftAt: { not: null } }, select: { id: true, name: true, leftAt: true }, orderBy: { leftAt: 'desc' } });
  const events = await db.rosterEvent.findMany({ where: { orgId, action: 'left', personId: { in: people.map((p) => p.id) } }, orderBy: { id: 'desc' } });
  return people.map((p) => ({ ...p, note: events.find((e) => e.personId === p.id)?.note ?? '' }));
}

export async function historyOf(db: Db, orgId: number, limit = 50) {
  const rows = await db.rosterEvent.findMany({ where: { orgId }, orderBy: { id: 'desc' }, take: limit });
  const names = new Map((await db.person.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => [r.personId, r.actorId ?? 0]))] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  return rows.map((r) => ({ ...r, personName: names.get(r.personId) ?? '', actorName: r.actorId ? (names.get(r.actorId) ?? '') : '', detail: JSON.parse(r.detail) as Partial<HeldUnits> }));
}
