// Rule A5: the written account of an activity, completed by its leader or liaison.
import type { Db } from './prisma.ts';

/** Ended activities of these units (or all) since `since` whose account is not written yet. */
export async function activitiesAwaitingAccount(db: Db, orgId: number, unitIds: number[] | 'all', since: Date, now: Date) {
  return db.activity.findMany({
    where: {
      orgId,
      status: 'scheduled',
      account: null,
      endAt: { gte: since, lte: now },
      ...(unitIds === 'all' ? {} : { unitId: { in: unitIds } }),
    },
    select: { id: true, title: true, kind: true, startAt: true, place: true, unit: { select: { name: true } } },
    orderBy: { endAt: 'desc' },
  });
}

export async function saveAccount(db: Db, activityId: number, text: string, byId: number, at: Date): Promise<boolean> {
  const { count } = await db.activity.updateMany({ where: { id: activityId, account: null }, data: { account: text, accountById: byId, accountAt: at } });
  return count === 1;
}
