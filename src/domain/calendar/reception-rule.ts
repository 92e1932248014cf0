// Rule R1: each liaison station holds its reception day (接待选民日) by its own rule, e.g. the
// first Tuesday of every month, or the 5th moved to the first working day after a holiday.
// This file turns a rule into dates and into one Chinese sentence; the calendar decides holidays.
import { z } from 'zod';
import { daysInMonth, isoWeekday } from '../shanghai-time.ts';
import { toIsoDate, type Checked, type IsoDate, type WorkingCalendar } from './working-days.ts';

/** 'YYYY-MM', a month in Asia/Shanghai. */
export type YearMonth = string;

const nonWorkingDayPolicy = z.enum(['keep', 'next', 'previous']).default('next');

/**
 * Stored per station (JSON). weekday is ISO: 1 = Monday … 7 = Sunday; n = -1 is the last one.
 * An n or day the month lacks (a 5th Tuesday, the 31st of April) is clamped to the month's last
 * such day, not skipped: the province asks for a reception every month (R1), and an office
 * that writes "31日" means "month end".
 */
export const receptionRuleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('nth_weekday'),
    n: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)]),
    weekday: z.number().int().min(1).max(7),
    onNonWorkingDay: nonWorkingDayPolicy,
  }),
  z.object({
    kind: z.literal('day_of_month'),
    day: z.number().int().min(1).max(31),
    onNonWorkingDay: nonWorkingDayPolicy,
  }),
]);

export type ReceptionRule = z.infer<typeof receptionRuleSchema>;
export type NonWorkingDayPolicy = ReceptionRule['onNonWorkingDay'];

/** Rule R1 default for a new station: the first Tuesday, moved to the next working day. */
export const DEFAULT_RECEPTION_RULE: ReceptionRule = { kind: 'nth_weekday', n: 1, weekday: 2, onNonWorkingDay: 'next' };

export interface ReceptionDate {
  month: YearMonth;
  /** The day the rule names, before moving off a holiday. */
  nominal: IsoDate;
  /** The day to hold it; with 'next' or 'previous' it can fall in the neighbouring month. */
  date: IsoDate;
  /** The month lacks the named day (5th Tuesday, 31st), so its last such day was taken. */
  clamped: boolean;
  moved: boolean;
  /** False only with 'keep' on a day off: staff may want to confirm the date. */
  workingDay: boolean;
}

const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/** The day the rule names in a month, clamped to the month's last such day. */
export function nominalReceptionDay(rule: ReceptionRule, year: number, month: number): { date: IsoDate; clamped: boolean } {
  const length = daysInMonth(year, month);
  if (rule.kind === 'day_of_month') {
    return { date: toIsoDate({ year, month, day: Math.min(rule.day, length) }), clamped: rule.day > length };
  }
  const first = 1 + ((rule.weekday - isoWeekday({ year, month, day: 1 }) + 7) % 7);
  const last = first + 7 * Math.floor((length - first) / 7);
  const wanted = rule.n === -1 ? last : first + 7 * (rule.n - 1);
  return { date: toIsoDate({ year, month, day: Math.min(wanted, last) }), clamped: wanted > last };
}

/** Rule R1: the reception day of each of `months` months from `fromMonth`, one per month. */
export function receptionDates(
  rule: ReceptionRule,
  fromMonth: YearMonth,
  months: number,
  calendar: WorkingCalendar,
): Checked<ReceptionDate[]> {
  const parsedRule = receptionRuleSchema.safeParse(rule);
  const m = YEAR_MONTH.exec(fromMonth);
  if (!parsedRule.success) throw new RangeError(`invalid reception rule: ${JSON.stringify(rule)}`);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a month 'YYYY-MM': ${fromMonth}`);
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`months must be a whole number ≥ 0: ${months}`);
  const start = Number(m[1]) * 12 + Number(m[2]) - 1;
  const assumed = new Set<number>();
  const value: ReceptionDate[] = [];
  for (let i = 0; i < months; i++) {
    const year = Math.floor((start + i) / 12);
    const month = ((start + i) % 12) + 1;
    value.push(placeInMonth(parsedRule.data, year, month, calendar, assumed));
  }
  return { value, assumedYears: [...assumed].sort((a, b) => a - b) };
}

function placeInMonth(
  rule: ReceptionRule,
  year: number,
  month: number,
  calendar: WorkingCalendar,
  assumed: Set<number>,
): ReceptionDate {
  const { date: nominal, clamped } = nominalReceptionDay(rule, year, month);
  const moved: Checked<IsoDate> =
    rule.onNonWorkingDay === 'next'
      ? calendar.workingDayOnOrAfter(nominal)
      : rule.onNonWorkingDay === 'previous'
        ? calendar.workingDayOnOrBefore(nominal)
        : { value: nominal, assumedYears: [] };
  const working = calendar.isWorkingDay(moved.value);
  for (const y of [...moved.assumedYears, ...working.assumedYears]) assumed.add(y);
  const monthText = `${year}-${String(month).padStart(2, '0')}`;
  return { month: monthText, nominal, date: moved.value, clamped, moved: moved.value !== nominal, workingDay: working.value };
}

// User-facing wording of a rule, in one place so the office can change it without the logic.
const ORDINALS = ['一', '二', '三', '四', '五'] as const;
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'] as const;
export const receptionRuleText = {
  nth: (n: number, weekday: string) => `每月第${ORDINALS[n - 1] ?? n}个星期${weekday}`,
  last: (weekday: string) => `每月最后一个星期${weekday}`,
  fifthMissing: '（当月没有第五个时取最后一个）',
  day: (day: number) => `每月${day}日`,
  dayMissing: (day: number) => `（当月没有${day}日时取月末最后一天）`,
  policy: {
    next: '，遇节假日顺延至下一个工作日',
    previous: '，遇节假日提前至前一个工作日',
    keep: '，遇节假日照常举行',
  } satisfies Record<NonWorkingDayPolicy, string>,
};

/** '每月第一个星期二，遇节假日顺延至下一个工作日' (rule R1, shown to staff and in notices). */
export function describeReceptionRule(rule: ReceptionRule): string {
  const t = receptionRuleText;
  let day: string;
  if (rule.kind === 'day_of_month') {
    day = t.day(rule.day) + (rule.day > 28 ? t.dayMissing(rule.day) : '');
  } else {
    const weekday = WEEKDAYS[rule.weekday - 1] ?? String(rule.weekday);
    day = rule.n === -1 ? t.last(weekday) : t.nth(rule.n, weekday) + (rule.n === 5 ? t.fifthMissing : '');
  }
  return day + t.policy[rule.onNonWorkingDay];
}
