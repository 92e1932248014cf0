// Editing an activity (rule A4): everyone who already got its notice card gets, once per
// revision, a card saying what it now is (活动变更通知). The re-planned notice of the new
// revision that would go to them at once says the same again, so theirs is skipped.
import { accountsFor } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { slices } from '../../repositories/slices.ts';
import { Outbound } from '../outbound.ts';
import { noticeMessages as m } from './messages.ts';
import { noticeCard } from './send-due-notices.ts';

const BATCH = 1000;

/** Sends the "updated" card for the activity's current revision; returns how many people it is for. */
export async function announceUpdate(db: Db, activityId: number, now: Date): Promise<number> {
  const activity = await db.activity.findUnique({ where: { id: activityId }, include: { unit: { select: { id: true, name: true } } } });
  if (!activity || activity.status !== 'scheduled') return 0;
  const notified = await db.notice.findMany({
    where: { activityId, status: 'sent', kind: { startsWith: 'notice' } },
    select: { personId: true },
    distinct: ['personId'],
  });
  const ids = notified.map((n) => n.personId);
  if (ids.length === 0) return 0;
  for (const part of slices(ids)) {
    await db.notice.updateMany({
      where: { activityId, revision: activity.revision, status: 'planned', kind: { startsWith: 'notice' }, personId: { in: part }, dueAt: { lte: now } },
      data: { status: 'skipped' },
    });
  }
  const users = [...(await accountsFor(db, ids, 'wecom')).values()];
  const card = { ...noticeCard(activity, 0, 'none'), taskId: `update-${activity.id}-${activity.revision}`, description: m.updatedHeadline };
  const outbound = new Outbound(db, { now: () => now });
  for (let i = 0; i < users.length; i += BATCH) {
    await outbound.send(activity.orgId, 'wecom', [
      { key: `update|${activityId}|${activity.revision}|${i}`, message: { kind: 'card', toUsers: users.slice(i, i + BATCH), card } },
    ]);
  }
  return users.length;
}
