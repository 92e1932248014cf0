// Cancelling an activity (rule A4): pending notices are dropped, and everyone already notified
// is told, once, that it will not take place. Returns how many people that is.
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { dropPlanned, notifiedPeople } from '../../repositories/notice-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { audienceOf } from '../audience.ts';
import { Outbound } from '../outbound.ts';
import { keyOnChannel } from '../../platforms/types.ts';
import { noticeMessages as m } from './messages.ts';

export async function announceCancellation(db: Db, activityId: number, now: Date): Promise<number> {
  await dropPlanned(db, activityId);
  const activity = await db.activity.findUnique({ where: { id: activityId }, select: { orgId: true, title: true, startAt: true } });
  const notified = await notifiedPeople(db, activityId);
  if (!activity || notified.length === 0) return 0;
  const outbound = new Outbound(db, { now: () => now });
  const text = m.cancelled(activity.title, formatDateTime(activity.startAt));
  let told = 0;
  for (const [channel, users] of await audienceOf(db, activity.orgId, notified)) {
    // The outbox splits a list to the platform's size per call; the key keeps its old form.
    await outbound.send(activity.orgId, channel, [{ key: keyOnChannel(`cancel|${activityId}|0`, channel), message: { kind: 'text', toUsers: users, text } }]);
    told += users.length;
  }
  return told;
}
