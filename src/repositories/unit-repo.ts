// Units (deputy groups, liaison stations, the office) with the members who have an account
// on a channel: the simulator's group chats with the robot are built from them.
import type { Db } from './prisma.ts';

export interface UnitWithAccounts {
  id: number;
  kind: string;
  name: string;
  members: { userId: string; name: string }[];
}

export async function listUnitsWithAccounts(db: Db, orgId: number, channel: string): Promise<UnitWithAccounts[]> {
  const units = await db.unit.findMany({
    where: { orgId },
    select: {
      id: true,
      kind: true,
      name: true,
      memberships: {
        select: { person: { select: { name: true, accounts: { where: { channel }, select: { platformUserId: true } } } } },
        orderBy: { id: 'asc' },
      },
    },
    orderBy: { id: 'asc' },
  });
  return units.map((u) => ({
    id: u.id,
    kind: u.kind,
    name: u.name,
    members: u.memberships.flatMap((m) => m.person.accounts.map((a) => ({ userId: a.platformUserId, name: m.person.name }))),
  }));
}
