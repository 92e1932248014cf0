// Rules A2, A3, A5 by the calendar: what the bot owes each unit on given days of a quarter's
// last month, and whether a group or station reached its minimum number of activities.
// Pure: the caller passes `now` and the activities; all dates are Shanghai wall time.
import { daysInMonth, shanghaiInstant, shanghaiParts } from './shanghai-time.ts';

// Rule A5's form reminder ('form_due', the 15th) is the quarterly form's chase now
// (domain/registers/activity-form.ts): it reaches only the groups that have not confirmed.
export type QuarterlyDutyKind = 'no_activity_yet' | 'minimums';

/** Reminders go out from 09:00 Shanghai on their day. */
export const QUARTERLY_SEND_MINUTE = 9 * 60;

export interface Quarter {
  /** '2026Q4' */
  id: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** Months 1–12 of the quarter, in order. */
  months: [number, number, number];
  /** First instant of the quarter and first instant of the next one. */
  start: Date;
  end: Date;
  /** First instant of the quarter's year. */
  yearStart: Date;
}

const QUARTER_NAMES = ['一', '二', '三', '四'] as const;

export function quarterOf(now: Date): Quarter {
  const { date } = shanghaiParts(now);
  const quarter = (Math.floor((date.month - 1) / 3) + 1) as 1 | 2 | 3 | 4;
  const first = (quarter - 1) * 3 + 1;
  return {
    id: `${date.year}Q${quarter}`,
    year: date.year,
    quarter,
    months: [first, first + 1, first + 2],
    start: shanghaiInstant({ year: date.year, month: first, day: 1 }, 0, 0),
    end: quarter === 4 ? shanghaiInstant({ year: date.year + 1, month: 1, day: 1 }, 0, 0) : shanghaiInstant({ year: date.year, month: first + 3, day: 1 }, 0, 0),
    yearStart: shanghaiInstant({ year: date.year, month: 1, day: 1 }, 0, 0),
  };
}

/** '2026年第四季度' */
export function quarterLabel(q: Quarter): string {
  return `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度`;
}

/**
 * The duty of the day, once it is 09:00 or later in Shanghai: the 10th of the quarter's last
 * month (A2: groups with no collective activity yet), the quarter's last day (A2, A3: the
 * minimums). Undefined on every other day.
 */
export function quarterlyDuty(now: Date): { kind: QuarterlyDutyKind; quarter: Quarter } | undefined {
  const { date, minuteOfDay } = shanghaiParts(now);
  if (date.month % 3 !== 0 || minuteOfDay < QUARTERLY_SEND_MINUTE) return undefined;
  const quarter = quarterOf(now);
  if (date.day === 10) return { kind: 'no_activity_yet', quarter };
  if (date.day === daysInMonth(date.year, date.month)) return { kind: 'minimums', quarter };
  return undefined;
}

/** Rules A2, A3: how long after its day the office's minimums list is still sent (a late list still serves). */
export const MINIMUMS_CATCH_UP_DAYS = 7;

/** A quarter's duty with the instant it is due and the instant it is no longer worth sending. */
export interface DutyWindow {
  kind: QuarterlyDutyKind;
  quarter: Quarter;
  dueAt: Date;
  /** Until then a bot that was down over dueAt still sends it: what it says is still true. */
  expiresAt: Date;
}

/**
 * The duties of a quarter (A2 on the 10th, A2/A3 on the last day of its last month, each at
 * 09:00) and how long each may be caught up: "no collective activity yet this quarter" stays
 * true until the quarter ends; the office's list serves for a week.
 */
export function quarterDutyWindows(q: Quarter): DutyWindow[] {
  const month = q.months[2];
  const at = (day: number, hour: number) => shanghaiInstant({ year: q.year, month, day }, hour, 0);
  const hour = QUARTERLY_SEND_MINUTE / 60;
  const lastDay = at(daysInMonth(q.year, month), hour);
  return [
    { kind: 'no_activity_yet', quarter: q, dueAt: at(10, hour), expiresAt: q.end },
    { kind: 'minimums', quarter: q, dueAt: lastDay, expiresAt: new Date(lastDay.getTime() + MINIMUMS_CATCH_UP_DAYS * 86_400_000) },
  ];
}

/** The quarter with this id ('2026Q4'), or undefined for anything else. */
export function quarterById(id: string): Quarter | undefined {
  const m = /^(\d{4})Q([1-4])$/.exec(id);
  if (!m) return undefined;
  return quarterOf(shanghaiInstant({ year: Number(m[1]), month: (Number(m[2]) - 1) * 3 + 1, day: 1 }, 12, 0));
}

/** The instant a duty caught up late is judged at: now, but never past its quarter's end. */
export function dutyJudgedAt(q: Quarter, now: Date): Date {
  return now.getTime() < q.end.getTime() ? now : new Date(q.end.getTime() - 1);
}

export interface CountedActivity {
  kind: string;
  startAt: Date;
  status: string;
}

/** Only activities that took place: still scheduled (not cancelled) and started before now. */
export function heldActivities<T extends CountedActivity>(activities: readonly T[], now: Date): T[] {
  return activities.filter((a) => a.status === 'scheduled' && a.startAt.getTime() < now.getTime());
}

export type ShortfallCode = 'group_quarter' | 'group_inspections_year' | 'group_study_year' | 'station_month' | 'station_year';

export interface Shortfall {
  rule: 'A2' | 'A3';
  code: ShortfallCode;
  have: number;
  need: number;
  /** For station_month: the month (1–12). */
  month?: number;
}

const inRange = (a: CountedActivity, from: Date, to: Date) => a.startAt >= from && a.startAt < to;

/**
 * Rule A2 for a group: at least one collective activity in the quarter; at the year's last
 * quarter also at least two inspections or research trips and one study session in the year.
 * `activities` may cover any span; only the ones held in the quarter/year up to now count.
 */
export function groupShortfalls(activities: readonly CountedActivity[], now: Date): Shortfall[] {
  const q = quarterOf(now);
  const held = heldActivities(activities, now);
  const out: Shortfall[] = [];
  const inQuarter = held.filter((a) => inRange(a, q.start, q.end)).length;
  if (inQuarter < 1) out.push({ rule: 'A2', code: 'group_quarter', have: inQuarter, need: 1 });
  if (q.quarter === 4) {
    const year = held.filter((a) => inRange(a, q.yearStart, q.end));
    const trips = year.filter((a) => a.kind === 'inspection' || a.kind === 'research').length;
    if (trips < 2) out.push({ rule: 'A2', code: 'group_inspections_year', have: trips, need: 2 });
    const studies = year.filter((a) => a.kind === 'study').length;
    if (studies < 1) out.push({ rule: 'A2', code: 'group_study_year', have: studies, need: 1 });
  }
  return out;
}

/**
 * Rule A3 for a station: at least one activity in each month of the quarter; at the year's
 * last quarter also at least ten in the year.
 */
export function stationShortfalls(activities: readonly CountedActivity[], now: Date): Shortfall[] {
  const q = quarterOf(now);
  const held = heldActivities(activities, now);
  const out: Shortfall[] = [];
  for (const month of q.months) {
    const from = shanghaiInstant({ year: q.year, month, day: 1 }, 0, 0);
    const to = month === 12 ? q.end : shanghaiInstant({ year: q.year, month: month + 1, day: 1 }, 0, 0);
    const count = held.filter((a) => inRange(a, from, to)).length;
    if (count < 1) out.push({ rule: 'A3', code: 'station_month', have: count, need: 1, month });
  }
  if (q.quarter === 4) {
    const year = held.filter((a) => inRange(a, q.yearStart, q.end)).length;
    if (year < 10) out.push({ rule: 'A3', code: 'station_year', have: year, need: 10 });
  }
  return out;
}
