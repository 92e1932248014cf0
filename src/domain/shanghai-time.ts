// Calendar arithmetic on Asia/Shanghai wall time. China has used UTC+8 without daylight
// saving since 1991, so a fixed offset is exact for any date this bot will see, and it keeps
// the result independent of the machine's zone (the servers run in UTC). All arithmetic goes
// through Date.UTC and getUTC*, never the local-time methods.

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const WEEKDAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/** A calendar day in Shanghai. month 1–12, day 1–31. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** The Shanghai calendar day and minute-of-day of an instant. */
export function shanghaiParts(instant: Date): { date: CivilDate; minuteOfDay: number } {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return {
    date: { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    minuteOfDay: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** The instant of a Shanghai wall time; hour 24 or more rolls into the next day. */
export function shanghaiInstant(date: CivilDate, hour: number, minute: number): Date {
  return new Date(Date.UTC(date.year, date.month - 1, date.day, hour, minute) - OFFSET_MS);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: CivilDate, days: number): CivilDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The first day of the month `months` after the given date's month. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/** ISO weekday: 1 = Monday … 7 = Sunday (Chinese weeks start on Monday). */
export function isoWeekday(date: CivilDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function weekdayName(isoDay: number): string {
  return WEEKDAY_NAMES[isoDay - 1] ?? '';
}

/** Negative, zero or positive like a comparator. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** '11月24日（周二）' in Shanghai time. */
export function formatDate(d: Date): string {
  const { date } = shanghaiParts(d);
  return `${date.month}月${date.day}日（${weekdayName(isoWeekday(date))}）`;
}

/** '09:05' in Shanghai time. */
export function formatTime(d: Date): string {
  const { minuteOfDay } = shanghaiParts(d);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** '11月24日（周二）09:00' in Shanghai time. */
export function formatDateTime(d: Date): string {
  return `${formatDate(d)}${formatTime(d)}`;
}

/** The Asia/Shanghai civil date of an instant as YYYY-MM-DD. */
export function shanghaiIsoDate(instant: Date): string {
  const { date } = shanghaiParts(instant);
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
