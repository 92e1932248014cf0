// The mainland working-day calendar: statutory holidays and make-up workdays (调休上班) from
// the chinese-days package, corrected by an organisation's overrides (overrides win). Rules R1
// (reception day moved off holidays) and R4 (assign within 7 working days) build on it.
// Only this file reads chinese-days. For a year the package has no data for it would silently
// count weekends only, so every answer lists the years it had to assume that way (the office
// is warned once and an admin adds that year's days as overrides).
//
// Dates are civil dates in Asia/Shanghai written 'YYYY-MM-DD' (IsoDate) everywhere in this
// folder: they compare and sort as strings, key maps, and match the package and the database.
import holidayJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { addDays, daysInMonth, isoWeekday, type CivilDate } from '../shanghai-time.ts';

/** A civil date in Asia/Shanghai, exactly 'YYYY-MM-DD'. */
export type IsoDate = string;

/** An admin's correction of one day (a local holiday, a moved make-up day, a year's data). */
export interface CalendarOverride {
  date: IsoDate;
  kind: 'holiday' | 'workday';
  name?: string;
}

/** An answer plus the years it assumed to be weekends-only (no package data, no overrides). */
export interface Checked<T> {
  value: T;
  assumedYears: number[];
}

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  source: 'override' | 'holiday-data' | 'weekday';
  /** The holiday's Chinese name (春节, 国庆节) or the override's name. */
  name?: string;
}

/** The package's days, and the years it really has data for. */
export interface HolidayData {
  holidays: ReadonlyMap<IsoDate, string>;
  workdays: ReadonlyMap<IsoDate, string>;
  coveredYears: ReadonlySet<number>;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// A year's own notice lists 22–33 holiday dates (2004–2026); a neighbour's New Year break
// spills at most 3 (2018-12-30/31 belong to 2019's), which must not make a year look covered.
const MIN_HOLIDAY_DATES_IN_A_COVERED_YEAR = 10;
// Longer than any real run of days off; stops a runaway scan over bad overrides.
const MAX_DAYS_WITHOUT_WORK = 366;

export function parseIsoDate(text: IsoDate): CivilDate {
  const m = ISO_DATE.exec(text);
  const [year, month, day] = m ? (m.slice(1).map(Number) as [number, number, number]) : [0, 0, 0];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a civil date 'YYYY-MM-DD': ${text}`);
  }
  return { year, month, day };
}

export function toIsoDate(date: CivilDate): IsoDate {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function shiftDate(date: IsoDate, days: number): IsoDate {
  return toIsoDate(addDays(parseIsoDate(date), days));
}

/**
 * Reads the package's JSON ({ holidays, workdays }: date → "English,中文,n"). Covered years are
 * derived from the data, not hard-coded, so a package update extends them. The fallback for
 * data of another shape is "no year covered": every answer then warns instead of trusting it.
 */
export function readHolidayData(raw: unknown): HolidayData {
  const holidays = dayNames(raw, 'holidays');
  const workdays = dayNames(raw, 'workdays');
  // Half-read data would be worse than none: make-up days counted as off, with no warning.
  if (!holidays || !workdays) return { holidays: new Map(), workdays: new Map(), coveredYears: new Set() };
  const perYear = new Map<number, number>();
  for (const date of holidays.keys()) {
    const year = Number(date.slice(0, 4));
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
  }
  const covered = [...perYear].filter(([, n]) => n >= MIN_HOLIDAY_DATES_IN_A_COVERED_YEAR);
  return { holidays, workdays, coveredYears: new Set(covered.map(([year]) => year)) };
}

/** date → Chinese name ("Spring Festival,春节,4" → 春节); undefined when the shape is not that. */
function dayNames(raw: unknown, key: 'holidays' | 'workdays'): Map<IsoDate, string> | undefined {
  const table: unknown = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
  if (typeof table !== 'object' || table === null) return undefined;
  const out = new Map<IsoDate, string>();
  for (const [date, value] of Object.entries(table)) {
    if (!ISO_DATE.test(date) || typeof value !== 'string') return undefined;
    out.set(date, value.split(',')[1] ?? value);
  }
  return out;
}

export const PACKAGE_HOLIDAY_DATA: HolidayData = readHolidayData(holidayJson);

export interface WorkingCalendar {
  /** Years with package data, ascending (2004–2026 in chinese-days 1.5.7). */
  readonly coveredYears: readonly number[];
  /** True when the year has neither package data nor any override: weekends-only is a guess. */
  isAssumedYear(year: number): boolean;
  dayInfo(date: IsoDate): Checked<DayInfo>;
  isWorkingDay(date: IsoDate): Checked<boolean>;
  /** The first working day strictly after the date. */
  nextWorkingDay(date: IsoDate): Checked<IsoDate>;
  /** The date itself when it is a working day, else the next one (顺延). */
  workingDayOnOrAfter(date: IsoDate): Checked<IsoDate>;
  /** The last working day strictly before the date. */
  previousWorkingDay(date: IsoDate): Checked<IsoDate>;
  /** The date itself when it is a working day, else the previous one (提前). */
  workingDayOnOrBefore(date: IsoDate): Checked<IsoDate>;
  /**
   * The n-th working day after (n > 0) or before (n < 0) the date; the date itself never
   * counts, so a deadline "within 7 working days" of a reception is addWorkingDays(day, 7)
   * (rule R4). n = 0 returns the date unchanged, even on a holiday.
   */
  addWorkingDays(date: IsoDate, n: number): Checked<IsoDate>;
  /**
   * Working days in the half-open span (a, b] when a ≤ b, and minus those in [b, a) when
   * b < a: the inverse of addWorkingDays, so addWorkingDays(a, workingDaysBetween(a, b)) = b
   * whenever b is a working day. Rule R4: overdue when workingDaysBetween(reception, today) > 7.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): Checked<number>;
}

export function createWorkingCalendar(
  overrides: readonly CalendarOverride[] = [],
  data: HolidayData = PACKAGE_HOLIDAY_DATA,
): WorkingCalendar {
  // Later entries win over earlier ones for the same date (the newest correction).
  const byDate = new Map(overrides.map((o) => [toIsoDate(parseIsoDate(o.date)), o] as const));
  const overrideYears = new Set([...byDate.keys()].map((d) => Number(d.slice(0, 4))));
  const isAssumedYear = (year: number) => !data.coveredYears.has(year) && !overrideYears.has(year);
  const lookup = dayLookup(byDate, data, isAssumedYear);
  const checked = <T>(run: (assumed: Set<number>) => T): Checked<T> => {
    const assumed = new Set<number>();
    const value = run(assumed);
    return { value, assumedYears: [...assumed].sort((a, b) => a - b) };
  };
  const step = (date: IsoDate, dir: 1 | -1, assumed: Set<number>): IsoDate => {
    let d = date;
    for (let i = 0; i < MAX_DAYS_WITHOUT_WORK; i++) {
      d = shiftDate(d, dir);
      if (lookup(d, assumed).working) return d;
    }
    throw new RangeError(`no working day within ${MAX_DAYS_WITHOUT_WORK} days of ${date}`);
  };
  const onOr = (date: IsoDate, dir: 1 | -1, assumed: Set<number>): IsoDate =>
    lookup(date, assumed).working ? date : step(date, dir, assumed);

  return {
    coveredYears: [...data.coveredYears].sort((a, b) => a - b),
    isAssumedYear,
    dayInfo: (date) => checked((a) => lookup(date, a)),
    isWorkingDay: (date) => checked((a) => lookup(date, a).working),
    nextWorkingDay: (date) => checked((a) => step(date, 1, a)),
    workingDayOnOrAfter: (date) => checked((a) => onOr(date, 1, a)),
    previousWorkingDay: (date) => checked((a) => step(date, -1, a)),
    workingDayOnOrBefore: (date) => checked((a) => onOr(date, -1, a)),
    addWorkingDays: (date, n) => checked((a) => addWorking(date, n, (d, dir) => step(d, dir, a))),
    workingDaysBetween: (x, y) => checked((a) => countBetween(x, y, (d) => lookup(d, a).working)),
  };
}

/** One day's answer: an override, else the package's lists, else Monday–Friday. */
function dayLookup(
  byDate: ReadonlyMap<IsoDate, CalendarOverride>,
  data: HolidayData,
  isAssumedYear: (year: number) => boolean,
): (date: IsoDate, assumed: Set<number>) => DayInfo {
  return (date, assumed) => {
    const civil = parseIsoDate(date);
    const override = byDate.get(date);
    if (override) return withName({ date, working: override.kind === 'workday', source: 'override' }, override.name);
    if (isAssumedYear(civil.year)) assumed.add(civil.year);
    const workName = data.workdays.get(date);
    if (workName !== undefined) return { date, working: true, source: 'holiday-data', name: workName };
    const holidayName = data.holidays.get(date);
    if (holidayName !== undefined) return { date, working: false, source: 'holiday-data', name: holidayName };
    return { date, working: isoWeekday(civil) <= 5, source: 'weekday' };
  };
}

function withName(info: DayInfo, name: string | undefined): DayInfo {
  return name === undefined ? info : { ...info, name };
}

function addWorking(date: IsoDate, n: number, step: (d: IsoDate, dir: 1 | -1) => IsoDate): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  parseIsoDate(date);
  let d = date;
  for (let i = 0; i < Math.abs(n); i++) d = step(d, n > 0 ? 1 : -1);
  return d;
}

function countBetween(a: IsoDate, b: IsoDate, working: (d: IsoDate) => boolean): number {
  parseIsoDate(a);
  parseIsoDate(b);
  if (b < a) return -countBetween(shiftDate(b, -1), shiftDate(a, -1), working);
  let count = 0;
  for (let d = a; d < b; ) {
    d = shiftDate(d, 1);
    if (working(d)) count++;
  }
  return count;
}
