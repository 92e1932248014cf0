// The supervising body's staff (rule U4: office staff of the organisation) and a unit's leaders:
// who the written accounts and quarterly forms reach (each on their own platform: audience.ts).
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';

export interface Recipients {
  personIds: number[];
  /** Their names, in roster order (to say whom to ask). */
  names: string[];
}

function distinct(contacts: { person: { id: number; name: string } }[]): Recipients {
  const people = new Map(contacts.map((c) => [c.person.id, c.person.name]));
  return { personIds: [...people.keys()], names: [...people.values()] };
}

/** Office staff of the organisation (those who act for the supervising body). */
export async function officeStaff(db: Db, orgId: number): Promise<Recipients> {
  return distinct(await findUnitContacts(db, await findOfficeUnitIds(db, orgId), ['staff']));
}

/** A unit's members holding these roles. */
export async function unitRoles(db: Db, unitId: number, roles: readonly string[]): Promise<Recipients> {
  return distinct(await findUnitContacts(db, [unitId], [...roles]));
}
