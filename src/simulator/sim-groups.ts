// The simulated corp's group chats with the robot: one per unit of the roster (a deputy
// group, a liaison station, the office), its members being the unit's members who have a
// WeCom account. Read from the database on each use, so a roster import shows at once.
import type { Db } from '../repositories/prisma.ts';
import { listUnitsWithAccounts } from '../repositories/unit-repo.ts';

export interface RobotGroup {
  chatId: string;
  name: string;
  members: { userId: string; name: string }[];
}

export async function listRobotGroups(db: Db, orgId: number): Promise<RobotGroup[]> {
  const units = await listUnitsWithAccounts(db, orgId, 'wecom');
  return units
    .filter((u) => u.members.length > 0)
    .map((u) => ({ chatId: `unit${u.id}`, name: u.name, members: u.members }));
}

export async function robotGroupsOf(db: Db, orgId: number, userId: string): Promise<RobotGroup[]> {
  return (await listRobotGroups(db, orgId)).filter((g) => g.members.some((m) => m.userId === userId));
}

/** The member's group with this chat id, or undefined when there is none they belong to. */
export async function robotGroupOf(db: Db, orgId: number, userId: string, chatId: string): Promise<RobotGroup | undefined> {
  return (await robotGroupsOf(db, orgId, userId)).find((g) => g.chatId === chatId);
}
