// Editing an activity (rule A4): everyone who already got its notice card gets, once per
// revision, a 活动变更通知 card that says what changed (地点：县人大三楼 → 五楼) and shows their
// own state (rules A6, L5: someone on leave sees 撤回请假, not 参加/请假). The cards are
// batched by state like notices. The re-plan of the edit does not send them a notice again.
import type { AttendanceState } from '../../domain/attendance-state.ts';
import type { ActivityField } from '../../domain/notice-plan.ts';
import { formatDateTime, formatTime, shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import { statesFor } from '../../repositories/attendance-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { keyOnChannel, type Channel } from '../../platforms/types.ts';
import { audienceOf } from '../audience.ts';
import { Outbound } from '../outbound.ts';
import { noticeMessages as m } from './messages.ts';
import { changeCard } from './notice-card.ts';
import { notifiedPeople } from '../../repositories/notice-repo.ts';

const BATCH = 1000;

/** Sends the change card for the activity's current revision; returns how many people it is for. */
export async function announceUpdate(db: Db, activityId: number, changes: string[], now: Date): Promise<number> {
  const activity = await db.activity.findUnique({ where: { id: activityId }, include: { unit: { select: { id: true, name: true } } } });
  if (!activity || activity.status !== 'scheduled' || changes.length === 0) return 0;
  const ids = await notifiedPeople(db, activityId);
  if (ids.length === 0) return 0;
  const states = await statesFor(db, activityId);
  const byState = new Map<AttendanceState, number[]>();
  for (const id of ids) {
    const state = states.get(id) ?? 'invited';
    byState.set(state, [...(byState.get(state) ?? []), id]);
  }
  const outbound = new Outbound(db, { now: () => now });
  let told = 0;
  for (const [state, people] of byState) {
    for (const [channel, users] of await audienceOf(db, activity.orgId, people)) {
      told += users.length;
      await sendInBatches(outbound, activity, channel, users, (i) => ({
        key: keyOnChannel(`update|${activityId}|${activity.revision}|${state}|${i}`, channel),
        card: changeCard(activity, { taskId: `update-${activity.id}-${activity.revision}-${state}-${i}`, changes, state, now }),
      }));
    }
  }
  return told;
}

async function sendInBatches(
  outbound: Outbound, activity: { orgId: number }, channel: Channel, users: string[], build: (i: number) => { key: string; card: ReturnType<typeof changeCard> },
): Promise<void> {
  for (let i = 0; i < users.length; i += BATCH) {
    const { key, card } = build(i);
    await outbound.send(activity.orgId, channel, [{ key, message: { kind: 'card', toUsers: users.slice(i, i + BATCH), card } }]);
  }
}

type Described = { title: string; startAt: Date; endAt: Date; place: string; content: string };

/** One line per changed field, old → new (the time as its span, a long content shortened). */
export function describeChanges(before: Described, after: Described, changed: ReadonlySet<ActivityField>): string[] {
  const line = (field: string, from: string, to: string) => m.change(m.changeLabels[field]!, from || m.noContent, to || m.noContent);
  const lines: string[] = [];
  if (changed.has('title')) lines.push(line('title', before.title, after.title));
  if (changed.has('startAt') || changed.has('endAt')) lines.push(line('time', span(before), span(after)));
  if (changed.has('place')) lines.push(line('place', before.place, after.place));
  if (changed.has('content')) lines.push(line('content', clip(before.content, 20), clip(after.content, 40)));
  return lines;
}

function span(a: { startAt: Date; endAt: Date }): string {
  const sameDay = shanghaiIsoDate(a.startAt) === shanghaiIsoDate(a.endAt);
  return `${formatDateTime(a.startAt)}–${sameDay ? formatTime(a.endAt) : formatDateTime(a.endAt)}`;
}

function clip(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
