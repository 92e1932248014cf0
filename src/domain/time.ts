// Business time without the process time zone. The machine runs in UTC, so
// `new Date('2026-12-05 14:30')` would read a Shanghai wall-clock time as UTC (8 hours off).
// Wall-clock times are converted through Intl for a named zone instead. The default zone is
// Asia/Shanghai (config TZ_BUSINESS); callers holding a Config pass config.businessTimeZone.
// China has had no DST since 1991, but the conversion below also handles zones that have.

export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

export type ParsedDateTime = { ok: true; date: Date } | { ok: false; message: string };

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const FORMAT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;
const MINUTE_MS = 60_000;

export const timeMessages = {
  format: (text: string) => `「${text}」格式不对：应为 YYYY-MM-DD HH:mm，例如 2026-12-05 14:30`,
  noSuchDate: (date: string, year: number, month: number, days: number) =>
    `${date} 不是存在的日期（${year} 年 ${month} 月只有 ${days} 天）`,
  badYear: (date: string) => `${date} 的年份不对（应在 1900 年以后）`,
  badMonth: (date: string) => `${date} 不是存在的日期（月份应为 01–12）`,
  badClock: (clock: string) => `${clock} 不是有效的时刻（小时应为 00–23，分钟应为 00–59）`,
  skipped: (text: string, zone: string) => `${text} 在时区 ${zone} 不存在（夏令时跳过了这段时间）`,
};

/** Exactly `YYYY-MM-DD HH:mm`, read as wall-clock time in the zone (Asia/Shanghai by default). */
export function parseLocalDateTime(text: string, timeZone = BUSINESS_TIME_ZONE): ParsedDateTime {
  const t = text.trim();
  const m = FORMAT.exec(t);
  if (!m) return { ok: false, message: timeMessages.format(text) };
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = t.slice(0, 10);
  // Date.UTC reads years 0–99 as 1900–1999; nothing this bot schedules lies that far back.
  if (year < 1900) return { ok: false, message: timeMessages.badYear(date) };
  if (month < 1 || month > 12) return { ok: false, message: timeMessages.badMonth(date) };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { ok: false, message: timeMessages.noSuchDate(date, year, month, days) };
  if (hour > 23 || minute > 59) return { ok: false, message: timeMessages.badClock(t.slice(11)) };
  const parts = { year, month, day, hour, minute };
  const instant = zonedToUtc(parts, timeZone);
  if (!sameParts(localParts(instant, timeZone), parts)) return { ok: false, message: timeMessages.skipped(t, timeZone) };
  return { ok: true, date: instant };
}

/** `YYYY-MM-DD HH:mm` as shown on a wall clock in the zone. */
export function formatLocal(d: Date, timeZone = BUSINESS_TIME_ZONE): string {
  const p = localParts(d, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** The calendar year in Asia/Shanghai (quotas such as rule L2 count per business year). */
export function shanghaiYear(d: Date): number {
  return localParts(d, BUSINESS_TIME_ZONE).year;
}

export function localParts(d: Date, timeZone = BUSINESS_TIME_ZONE): LocalParts {
  const out: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(d)) {
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour!, minute: out.minute! };
}

function zonedToUtc(p: LocalParts, timeZone: string): Date {
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  // The offset at the guess can differ from the offset at the answer next to a DST change;
  // a second pass with the answer's offset settles it.
  const first = asUtc - offsetMs(new Date(asUtc), timeZone);
  return new Date(asUtc - offsetMs(new Date(first), timeZone));
}

/** How far the zone's wall clock is ahead of UTC at this instant (+8 h for Shanghai). */
function offsetMs(d: Date, timeZone: string): number {
  const p = localParts(d, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return wall - Math.floor(d.getTime() / MINUTE_MS) * MINUTE_MS;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function sameParts(a: LocalParts, b: LocalParts): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}
