// The supervising body's staff (rule U4: office staff of the organisation) and a unit's leaders,
// as people and as platform user ids: who the written accounts and quarterly forms reach.
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

export interface Recipients {
  personIds: number[];
  userIds: string[];
  /** Their names, in roster order (to say whom to ask). */
  names: string[];
}

function distinct(contacts: { person: { id: number; name: string }; platformUserId?: string }[]): Recipients {
  const people = new Map<number, { name: string; userId?: string }>();
  for (const c of contacts) people.set(c.person.id, { name: c.person.name, userId: people.get(c.person.id)?.userId ?? c.platformUserId });
  const all = [...people.values()];
  return { personIds: [...people.keys()], userIds: [...new Set(all.map((p) => p.userId).filter((u): u is string => !!u))], names: all.map((p) => p.name) };
}

/** Office staff of the organisation (those who act for the supervising body). */
export async function officeStaff(db: Db, orgId: number, channel = 'wecom'): Promise<Recipients> {
  return distinct(await findUnitContacts(db, await findOfficeUnitIds(db, orgId), ['staff'], channel));
}

/** A unit's members holding these roles. */
export async function unitRoles(db: Db, unitId: number, roles: readonly string[], channel = 'wecom'): Promise<Recipients> {
  return distinct(await findUnitContacts(db, [unitId], [...roles], channel));
}
