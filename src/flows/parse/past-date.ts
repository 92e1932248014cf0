// A day that has already happened, as people type it: 今天, 昨天, 前天, 11月20日, 11月20号,
// 十一月二十日, 11.20, 11/20, 2026-11-20, 2026年11月20日. A month and day without a year is the
// latest such day not after today (in January, 12月28日 is last December). Asia/Shanghai.
import { parseIsoDate, shiftDate, toIsoDate, type IsoDate } from '../../domain/calendar/working-days.ts';
import { daysInMonth, shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import { normalizeInput } from '../../lib/text.ts';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.ts';

export type PastDate = { ok: true; date: IsoDate } | { ok: false; reason: 'unreadable' | 'impossible' | 'future' | 'too_old' };

const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2 };
const N = `\\d{1,4}|[${CHINESE_NUMERAL_CHARS}]+`;
const FULL = new RegExp(`^(?:(${N})[年/.-])?(${N})[月/.-](${N})[日号]?$`);
/** Older than this is refused: a typing slip rather than a record. */
const MAX_DAYS_BACK = 366;

export function parsePastDate(input: string, now: Date): PastDate {
  const text = normalizeInput(input).replace(/\s+/g, '');
  const today = shanghaiIsoDate(now);
  if (text in RELATIVE) return { ok: true, date: shiftDate(today, RELATIVE[text]!) };
  const m = FULL.exec(text);
  if (!m) return { ok: false, reason: 'unreadable' };
  const [year, month, day] = [m[1], m[2], m[3]].map((x) => (x === undefined ? undefined : parseChineseNumber(x)));
  if (month === undefined || day === undefined || (m[1] !== undefined && year === undefined)) return { ok: false, reason: 'unreadable' };
  const current = parseIsoDate(today);
  let y = year ?? current.year;
  if (month < 1 || month > 12 || day < 1) return { ok: false, reason: 'impossible' };
  if (year === undefined && (month > current.month || (month === current.month && day > current.day))) y -= 1;
  if (day > daysInMonth(y, month)) return { ok: false, reason: 'impossible' };
  const date = toIsoDate({ year: y, month, day });
  if (date > today) return { ok: false, reason: 'future' };
  if (date < shiftDate(today, -MAX_DAYS_BACK)) return { ok: false, reason: 'too_old' };
  return { ok: true, date };
}

/** '11月20日' */
export function dayLabel(date: IsoDate): string {
  const d = parseIsoDate(date);
  return `${d.month}月${d.day}日`;
}
