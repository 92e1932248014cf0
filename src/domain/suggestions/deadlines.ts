// Suggestion deadlines on the calendar (rules S1, S3, S4). The seed counts in 日 and 月, not
// 工作日 ("會后十五日內移交", "三個月內辦理完畢", "延期辦理時限不得超過一個月"), so these are
// calendar periods, counted as the Civil Code counts periods (民法典 第二百零一至二百零三条):
// the first day is not counted; a period of months ends on the corresponding day of the last
// month, or that month's last day when it has none; and a period whose last day is a holiday
// ends on the first working day after it (mainland calendar with 调休 and the office's own
// corrections). Pure: the working calendar and the policy are inputs.
import type { Policy } from '../policy.ts';
import { daysInMonth } from '../shanghai-time.ts';
import { parseIsoDate, shiftDate, toIsoDate, type Checked, type IsoDate, type WorkingCalendar } from '../calendar/working-days.ts';

/** `months` calendar months after the date: the same day, or the month's last day (民法典 202). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const d = parseIsoDate(date);
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

/** The last day of a period starting the day after `start`, moved off a holiday (民法典 203). */
export function periodEnd(calendar: WorkingCalendar, start: IsoDate, length: { days: number } | { months: number }): Checked<IsoDate> {
  const nominal = 'days' in length ? shiftDate(start, length.days) : addCalendarMonths(start, length.months);
  return calendar.workingDayOnOrAfter(nominal);
}

export interface AssignmentBasis {
  origin: 'recess' | 'session';
  /** The day the suggestion was registered with its number (Asia/Shanghai). */
  registeredOn: IsoDate;
  /** For session suggestions: the session's last day. */
  sessionClosedOn?: IsoDate | null;
}

/**
 * Rules S1, S4: session suggestions are assigned within 15 days after the session closes;
 * recess suggestions are handled like them, counting from their registration.
 */
export function assignmentDeadline(basis: AssignmentBasis, policy: Policy, calendar: WorkingCalendar): Checked<IsoDate> {
  const start = basis.origin === 'session' && basis.sessionClosedOn ? basis.sessionClosedOn : basis.registeredOn;
  return periodEnd(calendar, start, { days: policy.suggestionAssignDays });
}

/** Rule S1: answered within 3 months of assignment; rule S3: a redo gets its own period. */
export function answerDeadline(startOn: IsoDate, policy: Policy, calendar: WorkingCalendar, redo = false): Checked<IsoDate> {
  return periodEnd(calendar, startOn, { months: redo ? policy.suggestionRedoMonths : policy.suggestionAnswerMonths });
}

/** Rule S1: the latest date an extension of the current deadline may reach. */
export function extensionLimit(current: IsoDate, policy: Policy, calendar: WorkingCalendar): Checked<IsoDate> {
  return periodEnd(calendar, current, { months: policy.suggestionExtensionMaxMonths });
}

export type ExtensionCheck =
  | { ok: true; until: IsoDate }
  | { ok: false; reason: 'none_left'; allowed: number }
  | { ok: false; reason: 'too_long'; limit: IsoDate }
  | { ok: false; reason: 'not_later'; current: IsoDate };

/**
 * Rule S1: at most `suggestionExtensionsAllowed` extensions, each to a date after the current
 * deadline and no later than the limit. A date that falls on a holiday is moved to the next
 * working day first, and must still be within the limit.
 */
export function checkExtension(
  input: { until: IsoDate; current: IsoDate; granted: number },
  policy: Policy,
  calendar: WorkingCalendar,
): { check: ExtensionCheck; assumedYears: number[] } {
  if (input.granted >= policy.suggestionExtensionsAllowed) {
    return { check: { ok: false, reason: 'none_left', allowed: policy.suggestionExtensionsAllowed }, assumedYears: [] };
  }
  const limit = extensionLimit(input.current, policy, calendar);
  // Past the limit as asked: refused without looking at the calendar of a far-off year.
  if (input.until > limit.value) return { check: { ok: false, reason: 'too_long', limit: limit.value }, assumedYears: limit.assumedYears };
  const until = calendar.workingDayOnOrAfter(input.until);
  const assumedYears = [...new Set([...limit.assumedYears, ...until.assumedYears])];
  if (until.value <= input.current) return { check: { ok: false, reason: 'not_later', current: input.current }, assumedYears };
  return { check: { ok: true, until: until.value }, assumedYears };
}

/**
 * The day to remind before a deadline: `daysBefore` calendar days earlier, moved back to a
 * working day (nobody reads a reminder on a holiday); never before `notBefore` (the day the
 * deadline was set), so a short deadline still gets its reminder.
 */
export function reminderDay(deadline: IsoDate, daysBefore: number, calendar: WorkingCalendar, notBefore: IsoDate): Checked<IsoDate> {
  const day = calendar.workingDayOnOrBefore(shiftDate(deadline, -daysBefore));
  return { value: day.value < notBefore ? notBefore : day.value, assumedYears: day.assumedYears };
}

/** Whole calendar days from the deadline to today; positive when overdue. */
export function daysPast(deadline: IsoDate, today: IsoDate): number {
  const a = parseIsoDate(deadline);
  const b = parseIsoDate(today);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}
