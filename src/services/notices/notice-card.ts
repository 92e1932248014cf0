// The activity notice card (rule A4) and the change card (活动变更通知) as one person sees
// them: their answer or attendance state, and exactly the buttons that state allows (rules A6,
// L5: someone on leave is offered 撤回请假, not 参加/请假). The reply-by line appears only
// while that day is still ahead of `now` (a past date is never shown).
import { buildCard } from '../../bot/card-catalog.ts';
import { actionsAllowed, type AttendanceAction, type AttendanceState } from '../../domain/attendance-state.ts';
import { deadlineStanding, replyByDay } from '../../domain/notice-plan.ts';
import { formatDate, formatDateTime, shanghaiInstant } from '../../domain/shanghai-time.ts';
import { parseIsoDate, type IsoDate } from '../../domain/calendar/working-days.ts';
import type { NeutralCard } from '../../platforms/types.ts';
import { stateLabel } from '../attendance/messages.ts';
import { noticeMessages as m } from './messages.ts';

export interface CardActivity {
  id: number;
  title: string;
  content: string;
  place: string;
  startAt: Date;
  unit: { name: string };
}

const BUTTON_OF: Partial<Record<AttendanceAction, string>> = {
  attend: 'activity.attend',
  request_leave: 'leave.start',
  withdraw_leave: 'leave.withdraw',
};

/** The card's buttons for a state; 参加 alone when none applies (a click says what is recorded). */
export function buttonsFor(state: AttendanceState): string[] {
  const actions = actionsAllowed(state).map((a) => BUTTON_OF[a]).filter((b): b is string => !!b);
  return actions.length ? actions : ['activity.attend'];
}

/** A civil day as people read it: 11月22日（周日）. */
export function dayText(day: IsoDate): string {
  return formatDate(shanghaiInstant(parseIsoDate(day), 12, 0));
}

/** "请于11月22日（周日）前回复", "请于今天内回复" or "请尽快回复". */
export function replyByText(startAt: Date, now: Date): string {
  const day = replyByDay(startAt);
  const standing = deadlineStanding(day, now);
  const r = m.deadline.reply;
  return standing === 'ahead' ? r.ahead(dayText(day)) : standing === 'today' ? r.today : r.passed;
}

function personal(a: CardActivity, state: AttendanceState, now: Date) {
  return {
    // Only someone who has not answered is asked to; the others see their answer instead.
    replyBy: state === 'invited' ? replyByText(a.startAt, now) : '',
    answer: state === 'invited' ? '' : stateLabel[state],
  };
}

export function noticeCard(a: CardActivity, o: { taskId: string; leadDays: number; state: AttendanceState; now: Date }): NeutralCard {
  return buildCard('activity-notice', {
    taskId: o.taskId,
    argument: String(a.id),
    actions: buttonsFor(o.state),
    vars: {
      unit: a.unit.name,
      title: a.title,
      headline: m.headline(o.leadDays),
      content: a.content,
      time: formatDateTime(a.startAt),
      place: a.place,
      organiser: a.unit.name,
      ...personal(a, o.state, o.now),
    },
  });
}

/** 活动变更通知: what changed (each field, old → new) and the person's own state. */
export function changeCard(a: CardActivity, o: { taskId: string; changes: string[]; state: AttendanceState; now: Date }): NeutralCard {
  return buildCard('activity-change', {
    taskId: o.taskId,
    argument: String(a.id),
    actions: buttonsFor(o.state),
    vars: {
      unit: a.unit.name,
      title: a.title,
      changes: o.changes.join('\n'),
      time: formatDateTime(a.startAt),
      place: a.place,
      ...personal(a, o.state, o.now),
    },
  });
}

/**
 * The card a person clicked, from the task id the bot gave it (`notice-<activity>-<revision>-
 * <leadDays>-…` or `update-…`; a platform may append its own suffix), so that redrawing it after
 * a click keeps its headline: the 1-week preview stays a preview, a change card a change card.
 */
export function clickedCard(taskId: string): { kind: 'notice'; leadDays: number } | { kind: 'update' } {
  if (taskId.startsWith('update-')) return { kind: 'update' };
  const leadDays = /^notice-\d+-\d+-(\d+)-/.exec(taskId)?.[1];
  return { kind: 'notice', leadDays: leadDays ? Number(leadDays) : 0 };
}

/** The clicked card redrawn for the person's new state. */
export function redrawnCard(a: CardActivity, o: { taskId: string; state: AttendanceState; now: Date }): NeutralCard {
  const clicked = clickedCard(o.taskId);
  return clicked.kind === 'update'
    ? changeCard(a, { ...o, changes: [] })
    : noticeCard(a, { ...o, leadDays: clicked.leadDays });
}
