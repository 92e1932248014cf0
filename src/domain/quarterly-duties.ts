// Rules A2, A3, A5 by the calendar: what the bot owes each unit on given days of a quarter's
// last month, and whether a group or station reached its minimum number of activities.
// Pure: the caller passes `now` and the activities; all dates are Shanghai wall time.
import { minuteOfDay, type Policy } from './policy.ts';
import { daysInMonth, shanghaiInstant, shanghaiParts } from './shanghai-time.ts';

// Rule A5's form reminder ('form_due', the 15th) is the quarterly form's chase now
// (domain/registers/activity-form.ts): it reaches only the groups that have not confirmed.
export type QuarterlyDutyKind = 'no_activity_yet' | 'minimums';

/** The policy numbers the quarterly duties read (rules A2, A3, A5). */
export type QuarterlyPolicy = Pick<
  Policy,
  | 'reminderTime' | 'quarterNoActivityDay' | 'quarterFormReminderDay' | 'quarterFormDueDay' | 'minimumsCatchUpDays'
  | 'groupActivitiesPerQuarter' | 'groupTripsPerYear' | 'groupStudiesPerYear' | 'largeGroupActivitiesPerHalfYear'
  | 'stationActivitiesPerMonth' | 'stationActivitiesPerYear'
  | 'homeActivitiesPerQuarter' | 'homeActivitiesPerYear' | 'homeParticipationPercent'
>;

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
 * The duty of the day, once it is the policy's reminder time or later in Shanghai: on the
 * policy's day of the quarter's last month (10th) groups with no collective activity yet (A2),
 * on the quarter's last day the
 * minimums (A2, A3). Undefined on every other day.
 */
export function quarterlyDuty(now: Date, policy: QuarterlyPolicy): { kind: QuarterlyDutyKind; quarter: Quarter } | undefined {
  const { date, minuteOfDay: minute } = shanghaiParts(now);
  if (date.month % 3 !== 0 || minute < minuteOfDay(policy.reminderTime)) return undefined;
  const quarter = quarterOf(now);
  if (date.day === policy.quarterNoActivityDay) return { kind: 'no_activity_yet', quarter };
  if (date.day === daysInMonth(date.year, date.month)) return { kind: 'minimums', quarter };
  return undefined;
}

/** A quarter's duty with the instant it is due and the instant it is no longer worth sending. */
export interface DutyWindow {
  kind: QuarterlyDutyKind;
  quarter: Quarter;
  dueAt: Date;
  /** Until then a bot that was down over dueAt still sends it: what it says is still true. */
  expiresAt: Date;
}

/**
 * The duties of a quarter (A2 and A2/A3 on the policy's days of its last month, at the
 * policy's reminder time) and how long each may be caught up: "no collective activity yet this
 * quarter" stays true until the quarter ends; the office's list serves for minimumsCatchUpDays.
 */
export function quarterDutyWindows(q: Quarter, policy: QuarterlyPolicy): DutyWindow[] {
  const month = q.months[2];
  const send = minuteOfDay(policy.reminderTime);
  const at = (day: number) => shanghaiInstant({ year: q.year, month, day }, 0, send);
  const lastDay = at(daysInMonth(q.year, month));
  return [
    { kind: 'no_activity_yet', quarter: q, dueAt: at(policy.quarterNoActivityDay), expiresAt: q.end },
    { kind: 'minimums', quarter: q, dueAt: lastDay, expiresAt: new Date(lastDay.getTime() + policy.minimumsCatchUpDays * 86_400_000) },
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

export type ShortfallCode =
  | 'group_quarter' | 'group_inspections_year' | 'group_study_year' | 'large_group_half_year'
  | 'station_month' | 'station_year' | 'home_quarter' | 'home_year' | 'home_participation';

export interface Shortfall {
  rule: 'A2' | 'A3';
  code: ShortfallCode;
  have: number;
  need: number;
  /** For station_month: the month (1–12). */
  month?: number;
}

const inRange = (a: CountedActivity, from: Date, to: Date) => a.startAt >= from && a.startAt < to;
const monthStart = (year: number, month: number) => (month === 13 ? shanghaiInstant({ year: year + 1, month: 1, day: 1 }, 0, 0) : shanghaiInstant({ year, month, day: 1 }, 0, 0));

/**
 * Rule A2 for a group: at least groupActivitiesPerQuarter collective activities in the quarter;
 * at the year's last quarter also groupTripsPerYear inspections or research trips and
 * groupStudiesPerYear study sessions in the year. `activities` may cover any span; only the
 * ones held in the quarter/year up to now count.
 */
export function groupShortfalls(activities: readonly CountedActivity[], now: Date, policy: QuarterlyPolicy): Shortfall[] {
  const q = quarterOf(now);
  const held = heldActivities(activities, now);
  const out: Shortfall[] = [];
  const inQuarter = held.filter((a) => inRange(a, q.start, q.end)).length;
  if (inQuarter < policy.groupActivitiesPerQuarter) out.push({ rule: 'A2', code: 'group_quarter', have: inQuarter, need: policy.groupActivitiesPerQuarter });
  if (q.quarter === 4) {
    const year = held.filter((a) => inRange(a, q.yearStart, q.end));
    const trips = year.filter((a) => a.kind === 'inspection' || a.kind === 'research').length;
    if (trips < policy.groupTripsPerYear) out.push({ rule: 'A2', code: 'group_inspections_year', have: trips, need: policy.groupTripsPerYear });
    const studies = year.filter((a) => a.kind === 'study').length;
    if (studies < policy.groupStudiesPerYear) out.push({ rule: 'A2', code: 'group_study_year', have: studies, need: policy.groupStudiesPerYear });
  }
  return out;
}

/**
 * Rule A2 for a larger group (大组): at least largeGroupActivitiesPerHalfYear activities of its
 * own each half year, checked at the end of the second and fourth quarters.
 */
export function largeGroupShortfalls(activities: readonly CountedActivity[], now: Date, policy: QuarterlyPolicy): Shortfall[] {
  const q = quarterOf(now);
  if (q.quarter !== 2 && q.quarter !== 4) return [];
  const from = monthStart(q.year, q.quarter === 2 ? 1 : 7);
  const count = heldActivities(activities, now).filter((a) => inRange(a, from, q.end)).length;
  const need = policy.largeGroupActivitiesPerHalfYear;
  return count < need ? [{ rule: 'A2', code: 'large_group_half_year', have: count, need }] : [];
}

/**
 * Rule A3 for a station: at least stationActivitiesPerMonth activities in each month of the
 * quarter; at the year's last quarter also stationActivitiesPerYear in the year.
 */
export function stationShortfalls(activities: readonly CountedActivity[], now: Date, policy: QuarterlyPolicy): Shortfall[] {
  const q = quarterOf(now);
  const held = heldActivities(activities, now);
  const out: Shortfall[] = [];
  for (const month of q.months) {
    const count = held.filter((a) => inRange(a, monthStart(q.year, month), monthStart(q.year, month + 1))).length;
    if (count < policy.stationActivitiesPerMonth) out.push({ rule: 'A3', code: 'station_month', have: count, need: policy.stationActivitiesPerMonth, month });
  }
  if (q.quarter === 4) {
    const year = held.filter((a) => inRange(a, q.yearStart, q.end)).length;
    if (year < policy.stationActivitiesPerYear) out.push({ rule: 'A3', code: 'station_year', have: year, need: policy.stationActivitiesPerYear });
  }
  return out;
}

/** Invitations and attendances of a deputies' home's activities held in the quarter (rule A3). */
export interface Participation {
  invited: number;
  present: number;
}

/**
 * Rule A3 for a deputies' home (代表之家): at least homeActivitiesPerQuarter activities in the
 * quarter ("每季度组织一至二次"; more is never a shortfall), homeActivitiesPerYear in the year at
 * the last quarter ("全年不少于六次"), and homeParticipationPercent of the invited deputies present
 * over the quarter's activities ("代表参与率不低于90%").
 */
export function homeShortfalls(activities: readonly CountedActivity[], now: Date, policy: QuarterlyPolicy, participation: Participation): Shortfall[] {
  const q = quarterOf(now);
  const held = heldActivities(activities, now);
  const out: Shortfall[] = [];
  const inQuarter = held.filter((a) => inRange(a, q.start, q.end)).length;
  if (inQuarter < policy.homeActivitiesPerQuarter) out.push({ rule: 'A3', code: 'home_quarter', have: inQuarter, need: policy.homeActivitiesPerQuarter });
  if (q.quarter === 4) {
    const year = held.filter((a) => inRange(a, q.yearStart, q.end)).length;
    if (year < policy.homeActivitiesPerYear) out.push({ rule: 'A3', code: 'home_year', have: year, need: policy.homeActivitiesPerYear });
  }
  const rate = participationPercent(participation);
  if (rate !== undefined && rate < policy.homeParticipationPercent) out.push({ rule: 'A3', code: 'home_participation', have: rate, need: policy.homeParticipationPercent });
  return out;
}

/** Present over invited, as a whole percentage rounded down; undefined when nobody was invited. */
export function participationPercent(p: Participation): number | undefined {
  return p.invited === 0 ? undefined : Math.floor((p.present * 100) / p.invited);
}
