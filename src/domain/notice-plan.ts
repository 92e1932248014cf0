// Rule A4: an activity is announced ahead — a group activity at least 3 days before, a
// deputies'-home (station) activity 1 week before — and the group tells the liaison committee
// at least 2 days before. Rule A5: afterwards the leader sends the committee an account.
// This file turns an activity and its unit's policy into the instants to send each card.
// Pure: no I/O and no clock; the caller passes `now` and the working calendar.
import { z } from 'zod';
import { addDays, shanghaiInstant, shanghaiParts } from './shanghai-time.ts';
import { parseIsoDate, shiftDate, toIsoDate, type IsoDate, type WorkingCalendar } from './calendar/working-days.ts';

const hour = z.number().int().min(0).max(23);
const minute = z.number().int().min(0).max(59);
const days = z.number().int().min(1).max(60);

/** Stored per unit as JSON; any field may be left out (the unit kind's default applies). */
export const unitNoticePolicySchema = z.object({
  /** Rule A4: each lead time in days gets one notice (group [3], station [7, 3]). */
  leadDays: z.array(days).min(1).max(5),
  sendHour: hour,
  sendMinute: minute,
  /** Move a notice off a day off to the previous working day. */
  skipNonWorkingDays: z.boolean(),
  /**
   * Rule A4: the group tells the supervising body this many working days before the activity's
   * day (the body works on working days; default 2 for groups); null = never.
   */
  committeeReportDays: days.nullable(),
  /** A courtesy reminder to invitees who have not answered; null = never. */
  reminderDaysBefore: days.nullable(),
  /** Rule R2: a reminder to everyone invited on the day itself (08:30 for receptions); null = never. */
  sameDayReminderAt: z.object({ hour, minute }).nullable(),
  /** Rule R2: the station's staff get their own notice together with the first card. */
  staffNotice: z.boolean(),
});

export type UnitNoticePolicy = z.infer<typeof unitNoticePolicySchema>;

const BASE: UnitNoticePolicy = {
  leadDays: [3],
  sendHour: 9,
  sendMinute: 0,
  skipNonWorkingDays: true,
  committeeReportDays: null,
  reminderDaysBefore: 1,
  sameDayReminderAt: null,
  staffNotice: false,
};

/**
 * Rule R2 for a reception day: a card to the deputies on duty at least 3 days before (with a
 * notice to the station's staff), and a reminder on the day at 08:30; no day-before reminder.
 */
export const RECEPTION_NOTICE_POLICY: UnitNoticePolicy = {
  ...BASE,
  leadDays: [3],
  reminderDaysBefore: null,
  sameDayReminderAt: { hour: 8, minute: 30 },
  staffNotice: true,
};

/** Rule A4 defaults by unit kind; an unknown kind gets the office's (the 3-day minimum). */
const DEFAULTS_BY_KIND: Readonly<Record<string, UnitNoticePolicy>> = {
  group: { ...BASE, leadDays: [3], committeeReportDays: 2 },
  station: { ...BASE, leadDays: [7, 3] },
  office: { ...BASE, leadDays: [3] },
};

export function defaultUnitNoticePolicy(unitKind: string): UnitNoticePolicy {
  const found = DEFAULTS_BY_KIND[unitKind] ?? DEFAULTS_BY_KIND.office ?? BASE;
  return { ...found, leadDays: [...found.leadDays] };
}

/** The unit's stored JSON over its kind's defaults, field by field; bad JSON or values fall back. */
export function resolveUnitNoticePolicy(unitKind: string, stored: string | null | undefined): UnitNoticePolicy {
  const policy = defaultUnitNoticePolicy(unitKind);
  let raw: unknown;
  try {
    raw = stored ? JSON.parse(stored) : undefined;
  } catch {
    raw = undefined;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return policy;
  const shape = unitNoticePolicySchema.shape;
  const out: Record<string, unknown> = { ...policy };
  for (const key of Object.keys(shape) as (keyof UnitNoticePolicy)[]) {
    if (!(key in raw)) continue;
    const parsed = shape[key].safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as UnitNoticePolicy;
}

export type NoticeKind = 'notice' | 'staff' | 'reminder' | 'dayof' | 'committee' | 'summary';

export interface PlannedNotice {
  kind: NoticeKind;
  /** For 'notice' and 'committee': the lead time in days this card fulfils. */
  leadDays?: number;
  dueAt: Date;
  /** Its proper time had passed when planned, so it goes at once (dueAt = now). */
  late: boolean;
}

export interface LateRule {
  /** The largest lead time (days) the notice missed. */
  requiredDays: number;
  /** The instant that notice should have gone. */
  requiredBy: Date;
}

export interface NoticePlan {
  notices: PlannedNotice[];
  lateRule?: LateRule;
  /** Years the calendar had to assume weekends-only (warn the office). */
  assumedYears: number[];
}

const KIND_ORDER: Record<NoticeKind, number> = { notice: 0, staff: 1, committee: 2, reminder: 3, dayof: 4, summary: 5 };

/**
 * Rule A4 (and A5 for the summary). Lead times count civil days in Asia/Shanghai back from
 * the start day; a day off moves EARLIER (moving later would break "at least L days").
 */
export function planNotices(
  activity: { unitKind: string; startAt: Date; endAt: Date },
  policy: UnitNoticePolicy,
  calendar: WorkingCalendar,
  now: Date,
): NoticePlan {
  const assumed = new Set<number>();
  const done = (notices: PlannedNotice[], lateRule?: LateRule): NoticePlan => ({
    notices: notices.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]),
    ...(lateRule ? { lateRule } : {}),
    assumedYears: [...assumed].sort((a, b) => a - b),
  });
  // A4: an activity that has started can no longer be announced ahead.
  if (activity.startAt.getTime() <= now.getTime()) return done([]);

  const startDay: IsoDate = toIsoDate(shanghaiParts(activity.startAt).date);
  const at = (day: IsoDate) => shanghaiInstant(parseIsoDate(day), policy.sendHour, policy.sendMinute);
  const onWorkingDay = (day: IsoDate): IsoDate => {
    if (!policy.skipNonWorkingDays) return day;
    const moved = calendar.workingDayOnOrBefore(day);
    moved.assumedYears.forEach((y) => assumed.add(y));
    return moved.value;
  };
  const isPast = (d: Date) => d.getTime() < now.getTime();

  // A4: one notice per lead time, smallest lead first. Two lead times that land on the same
  // day after moving (7 and 3 days before 2026-10-09 both fall on 09-30) send one card: keep
  // the smaller lead, which is the one the rule's minimum is checked against.
  const scheduled: { leadDays: number; dueAt: Date }[] = [];
  for (const lead of [...new Set(policy.leadDays)].sort((a, b) => a - b)) {
    const dueAt = at(onWorkingDay(shiftDate(startDay, -lead)));
    if (!scheduled.some((s) => s.dueAt.getTime() === dueAt.getTime())) scheduled.push({ leadDays: lead, dueAt });
  }
  const notices: PlannedNotice[] = [];
  const onTime = scheduled.filter((s) => !isPast(s.dueAt));
  const missed = scheduled.filter((s) => isPast(s.dueAt));
  for (const s of onTime) notices.push({ kind: 'notice', leadDays: s.leadDays, dueAt: s.dueAt, late: false });
  let lateRule: LateRule | undefined;
  const smallestMissed = missed[0];
  const largestMissed = missed[missed.length - 1];
  if (smallestMissed && largestMissed) {
    // A4 published late: the missed notices collapse into one card sent now.
    notices.push({ kind: 'notice', leadDays: smallestMissed.leadDays, dueAt: now, late: true });
    lateRule = { requiredDays: largestMissed.leadDays, requiredBy: largestMissed.dueAt };
  }

  // A4: the group tells the supervising body N working days before (a reminder to the
  // leader/liaison on that day); due now when that moment has passed.
  const reportDay = committeeReportDay(activity.startAt, policy, calendar);
  if (reportDay && policy.committeeReportDays !== null) {
    reportDay.assumedYears.forEach((y) => assumed.add(y));
    const dueAt = at(reportDay.value);
    const late = isPast(dueAt);
    notices.push({ kind: 'committee', leadDays: policy.committeeReportDays, dueAt: late ? now : dueAt, late });
  }

  // A courtesy reminder the day before: not moved off days off; dropped when past or when it
  // would not come after the last notice.
  if (policy.reminderDaysBefore !== null) {
    const day = addDays(parseIsoDate(startDay), -policy.reminderDaysBefore);
    const dueAt = shanghaiInstant(day, policy.sendHour, policy.sendMinute);
    const lastNotice = Math.max(...notices.filter((n) => n.kind === 'notice').map((n) => n.dueAt.getTime()));
    if (!isPast(dueAt) && dueAt.getTime() > lastNotice) notices.push({ kind: 'reminder', dueAt, late: false });
  }

  // R2: the station's staff hear of it with the first card; the duty deputies on the day.
  const firstNotice = notices.find((n) => n.kind === 'notice');
  if (policy.staffNotice && firstNotice) notices.push({ kind: 'staff', dueAt: firstNotice.dueAt, late: firstNotice.late });
  if (policy.sameDayReminderAt) {
    const dueAt = shanghaiInstant(parseIsoDate(startDay), policy.sameDayReminderAt.hour, policy.sameDayReminderAt.minute);
    if (!isPast(dueAt) && dueAt.getTime() < activity.startAt.getTime()) notices.push({ kind: 'dayof', dueAt, late: false });
  }

  // A5: the account to the leader and the liaison committee once the activity ends.
  notices.push({ kind: 'summary', dueAt: activity.endAt, late: false });
  return done(notices, lateRule);
}

/**
 * Rule A4: the day by which the group tells the supervising body: committeeReportDays working
 * days before the activity's day, on the organisation's working-day calendar.
 */
export function committeeReportDay(
  startAt: Date, policy: UnitNoticePolicy, calendar: WorkingCalendar,
): { value: IsoDate; assumedYears: number[] } | undefined {
  if (policy.committeeReportDays === null) return undefined;
  return calendar.addWorkingDays(toIsoDate(shanghaiParts(startAt).date), -policy.committeeReportDays);
}

/** The invitees answer by the day before the activity (a civil day in Asia/Shanghai). */
export function replyByDay(startAt: Date): IsoDate {
  return shiftDate(toIsoDate(shanghaiParts(startAt).date), -1);
}

/**
 * Where a deadline day stands at `now`: still ahead, today, or passed. A passed deadline is
 * never shown: the text says "as soon as possible" instead.
 */
export function deadlineStanding(day: IsoDate, now: Date): 'ahead' | 'today' | 'passed' {
  const today = toIsoDate(shanghaiParts(now).date);
  if (day > today) return 'ahead';
  return day === today ? 'today' : 'passed';
}

/** Fields of an activity a person is told about. */
export type ActivityField = 'title' | 'startAt' | 'endAt' | 'place' | 'content';

/**
 * What each planned message says about the activity. After an edit, a message already sent
 * goes again only when a field it shows changed (editing the place does not repeat the
 * committee reminder, which names only the title and the time).
 */
export const NOTICE_SHOWS: Readonly<Record<NoticeKind, readonly ActivityField[]>> = {
  notice: ['title', 'startAt', 'place', 'content'],
  staff: ['title', 'startAt', 'place'],
  committee: ['title', 'startAt'],
  reminder: ['title', 'startAt', 'place'],
  dayof: ['title', 'startAt', 'place'],
  summary: [],
};

export function noticeShowsChange(kind: NoticeKind, changed: ReadonlySet<ActivityField>): boolean {
  return NOTICE_SHOWS[kind].some((f) => changed.has(f));
}

/** One Chinese sentence for the publisher about a missed A4 lead time. */
export function describeLateRule(lateRule: LateRule): string {
  const { date } = shanghaiParts(lateRule.requiredBy);
  return `按规定应至少提前 ${lateRule.requiredDays} 天通知（${date.month}月${date.day}日前），现在已晚于此时间，通知已立即发出。`;
}
