// Whom to tell, by person: accounts on every channel, the office's staff, a department's
// handlers (rule S1: 工作人员 whose roster work unit is the department's name).
import type { Db } from './prisma.ts';
import { CHANNELS } from '../services/roster/roster-types.ts';
import { slices } from './slices.ts';

/**
 * One account per person, grouped by channel: the preferred channel when the person has it,
 * else the first of the roster's channels (CHANNELS order) they have, so nobody hears the same
 * thing twice on two platforms. User ids keep the order of `personIds`.
 */
export async function accountsByChannel(db: Db, personIds: number[], preferred?: string): Promise<Map<string, string[]>> {
  const chosen = await chosenAccounts(db, personIds, preferred);
  return userIdsByChannel(personIds, (id) => {
    const r = chosen.get(id);
    return r && { channel: r.channel, userId: r.platformUserId };
  });
}

/** Each person's user id under the channel `accountOf` gives them, in the order of `personIds`, once each. */
export function userIdsByChannel<C extends string>(personIds: number[], accountOf: (personId: number) => { channel: C; userId: string } | undefined): Map<C, string[]> {
  const out = new Map<C, string[]>();
  for (const id of new Set(personIds)) {
    const account = accountOf(id);
    if (!account) continue;
    const list = out.get(account.channel) ?? [];
    list.push(account.userId);
    out.set(account.channel, list);
  }
  return out;
}

/** The account each person is reached on (the same choice as accountsByChannel); absent: none. */
export async function accountByPerson(db: Db, personIds: number[], preferred?: string): Promise<Map<number, { channel: string; userId: string }>> {
  return new Map([...(await chosenAccounts(db, personIds, preferred))].map(([id, r]) => [id, { channel: r.channel, userId: r.platformUserId }]));
}

async function chosenAccounts(db: Db, personIds: number[], preferred?: string) {
  const rows = [];
  for (const part of slices([...new Set(personIds)])) {
    rows.push(...(await db.platformAccount.findMany({ where: { personId: { in: part } }, select: { personId: true, channel: true, platformUserId: true }, orderBy: { id: 'asc' } })));
  }
  const rank = (channel: string) => {
    if (channel === preferred) return -1;
    const i = (CHANNELS as readonly string[]).indexOf(channel);
    return i < 0 ? CHANNELS.length : i;
  };
  const chosen = new Map<number, (typeof rows)[number]>();
  for (const r of rows) {
    const current = chosen.get(r.personId);
    if (!current || rank(r.channel) < rank(current.channel)) chosen.set(r.personId, r);
  }
  return chosen;
}

export async function officeStaffIds(db: Db, orgId: number): Promise<number[]> {
  const rows = await db.membership.findMany({ where: { role: 'staff', unit: { orgId, kind: 'office' } }, select: { personId: true }, orderBy: { personId: 'asc' } });
  return [...new Set(rows.map((r) => r.personId))];
}

export async function handlerIds(db: Db, orgId: number, departmentName: string): Promise<number[]> {
  const rows = await db.person.findMany({ where: { orgId, isStaff: true, workUnit: departmentName }, select: { id: true }, orderBy: { id: 'asc' } });
  return rows.map((r) => r.id);
}

/** The roster's work unit of a person (null when not given). */
export async function workUnitOf(db: Db, personId: number): Promise<string | null> {
  const row = await db.person.findUnique({ where: { id: personId }, select: { workUnit: true } });
  return row?.workUnit ?? null;
}

export async function personNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const rows = await db.person.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A member of the office's staff by name (the command line's --by). */
export async function officeStaffNamed(db: Db, orgId: number, name: string): Promise<{ id: number; name: string } | undefined> {
  const row = await db.membership.findFirst({ where: { role: 'staff', unit: { orgId, kind: 'office' }, person: { name } }, select: { person: { select: { id: true, name: true } } } });
  return row?.person;
}
