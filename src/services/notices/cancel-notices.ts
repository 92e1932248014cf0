// Cancelling an activity (rule A4): pending notices are dropped, and everyone already notified
// is told, once, that it will not take place. Returns how many people that is.
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { dropPlanned, notifiedPeople } from '../../repositories/notice-repo.ts';
import { accountsFor } from '../../repositories/people-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { Outbound } from '../outbound.ts';
import { noticeMessages as m } from './messages.ts';

export async function announceCancellation(db: Db, activityId: number, now: Date): Promise<number> {
  await dropPlanned(db, activityId);
  const activity = await db.activity.findUnique({ where: { id: activityId }, select: { orgId: true, title: true, startAt: true } });
  const notified = await notifiedPeople(db, activityId);
  if (!activity || notified.length === 0) return 0;
  const users = [...(await accountsFor(db, notified, 'wecom')).values()];
  const outbound = new Outbound(db, { now: () => now });
  const text = m.cancelled(activity.title, formatDateTime(activity.startAt));
  for (let i = 0; i < users.length; i += 1000) {
    await outbound.send(activity.orgId, 'wecom', [
      { key: `cancel|${activityId}|${i}`, message: { kind: 'text', toUsers: users.slice(i, i + 1000), text } },
    ]);
  }
  return users.length;
}
