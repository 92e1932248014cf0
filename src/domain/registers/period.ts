// The period a register covers: whole Shanghai days from `fromDay` to `toDay`, both included.
// From the command line it is two dates; in chat it is the words staff use (本季度, 上个月,
// 2026年, 11月, 今年 …), read against `now`. Pure: `now` is passed in.
import { addDays, addMonths, compareDates, daysInMonth, shanghaiInstant, shanghaiParts, type CivilDate } from '../shanghai-time.ts';

export interface Period {
  /** YYYY-MM-DD, both included. */
  fromDay: string;
  toDay: string;
  /** First instant of fromDay and first instant after toDay (Asia/Shanghai). */
  from: Date;
  to: Date;
  /** How the period reads on the sheet and in chat: 2026年第四季度, 2026年11月, 2026年10月1日至2026年11月30日. */
  label: string;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; message: string };

const QUARTER_WORDS = ['一', '二', '三', '四'] as const;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export const periodMessages = {
  format: (flag: string, text: string) => `${flag}: 「${text}」格式不对，应为 YYYY-MM-DD，例如 2026-10-01`,
  noSuchDate: (flag: string, text: string, year: number, month: number) =>
    month < 1 || month > 12 ? `${flag}: ${text} 不是存在的日期（月份应为 01–12）` : `${flag}: ${text} 不是存在的日期（${year} 年 ${month} 月只有 ${daysInMonth(year, month)} 天）`,
  reversed: (from: string, to: string) => `--from ${from} 晚于 --to ${to}：起始日期不能晚于结束日期`,
  unknownWords: (text: string) => `看不懂“${text}”是哪段时间，请写“本月”“上个月”“本季度”“上季度”“今年”“2026年”“11月”或“2026年第四季度”。`,
  future: (label: string) => `${label}还没有开始，没有可以导出的记录；请换一个已经开始的时间段。`,
};

/** A YYYY-MM-DD day that exists, or the sentence saying what is wrong with it. */
export function parseDay(flag: string, text: string): { ok: true; day: CivilDate } | { ok: false; message: string } {
  const m = DAY.exec(text.trim());
  if (!m) return { ok: false, message: periodMessages.format(flag, text) };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, message: periodMessages.noSuchDate(flag, text.trim(), year, month) };
  }
  return { ok: true, day: { year, month, day } };
}

export function isoDay(d: CivilDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The period of two days (both included), labelled by the whole year, quarter or month it is, if it is one. */
export function periodOfDays(from: CivilDate, to: CivilDate): Period {
  return {
    fromDay: isoDay(from),
    toDay: isoDay(to),
    from: shanghaiInstant(from, 0, 0),
    to: shanghaiInstant(addDays(to, 1), 0, 0),
    label: labelOf(from, to),
  };
}

/** The command line's --from and --to: each a real day, the first not after the second. */
export function periodFromFlags(fromText: string, toText: string): PeriodResult {
  const from = parseDay('--from', fromText);
  const to = parseDay('--to', toText);
  if (!from.ok) return from;
  if (!to.ok) return to;
  if (compareDates(from.day, to.day) > 0) return { ok: false, message: periodMessages.reversed(fromText.trim(), toText.trim()) };
  return { ok: true, period: periodOfDays(from.day, to.day) };
}

function labelOf(from: CivilDate, to: CivilDate): string {
  const lastOfMonth = to.day === daysInMonth(to.year, to.month);
  if (from.day === 1 && lastOfMonth && from.year === to.year) {
    if (from.month === 1 && to.month === 12) return `${from.year}年`;
    if (from.month === to.month) return `${from.year}年${from.month}月`;
    if ((from.month - 1) % 3 === 0 && to.month === from.month + 2) return `${from.year}年第${QUARTER_WORDS[(from.month - 1) / 3]}季度`;
  }
  const day = (d: CivilDate) => `${d.year}年${d.month}月${d.day}日`;
  return compareDates(from, to) === 0 ? day(from) : `${day(from)}至${day(to)}`;
}

const month = (year: number, m: number): [CivilDate, CivilDate] => [{ year, month: m, day: 1 }, { year, month: m, day: daysInMonth(year, m) }];
const quarter = (year: number, q: number): [CivilDate, CivilDate] => [{ year, month: q * 3 - 2, day: 1 }, { year, month: q * 3, day: daysInMonth(year, q * 3) }];
const year = (y: number): [CivilDate, CivilDate] => [{ year: y, month: 1, day: 1 }, { year: y, month: 12, day: 31 }];

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12 };
const num = (text: string): number => CHINESE_DIGITS[text] ?? Number(text);

/**
 * Chat words for a period, read at `now` (Shanghai). A month or quarter without a year is the
 * latest one that has begun (in March, 11月 is last November): registers look back. A period
 * that has not begun is refused; one under way runs to its end (what has happened so far).
 */
export function periodFromWords(text: string, now: Date): PeriodResult {
  const range = rangeOfWords(text.replace(/\s+/g, '').replace(/月份$/u, '月'), shanghaiParts(now).date);
  if (!range) return { ok: false, message: periodMessages.unknownWords(text.trim()) };
  const period = periodOfDays(range[0], range[1]);
  if (period.from.getTime() > now.getTime()) return { ok: false, message: periodMessages.future(period.label) };
  return { ok: true, period };
}

function rangeOfWords(t: string, today: CivilDate): [CivilDate, CivilDate] | undefined {
  const q = Math.floor((today.month - 1) / 3) + 1;
  const fixed: Record<string, () => [CivilDate, CivilDate]> = {
    本月: () => month(today.year, today.month),
    这个月: () => month(today.year, today.month),
    上月: () => { const p = addMonths(today, -1); return month(p.year, p.month); },
    上个月: () => { const p = addMonths(today, -1); return month(p.year, p.month); },
    本季度: () => quarter(today.year, q),
    本季: () => quarter(today.year, q),
    这个季度: () => quarter(today.year, q),
    上季度: () => (q === 1 ? quarter(today.year - 1, 4) : quarter(today.year, q - 1)),
    上个季度: () => (q === 1 ? quarter(today.year - 1, 4) : quarter(today.year, q - 1)),
    今年: () => year(today.year),
    本年: () => year(today.year),
    本年度: () => year(today.year),
    去年: () => year(today.year - 1),
    上年: () => year(today.year - 1),
  };
  if (fixed[t]) return fixed[t]!();
  let m = /^(\d{4})年?$/.exec(t) ?? /^(\d{4})年度$/.exec(t);
  if (m) return year(Number(m[1]));
  m = /^(?:(\d{4})年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])月$/.exec(t);
  if (m) {
    const mo = num(m[2]!);
    if (mo < 1 || mo > 12) return undefined;
    const y = m[1] ? Number(m[1]) : mo <= today.month ? today.year : today.year - 1;
    return month(y, mo);
  }
  m = /^(\d{4})-(\d{1,2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return month(Number(m[1]), Number(m[2]));
  m = /^(?:(\d{4})年)?第?([1-4一二三四])季度?$/.exec(t) ?? /^(\d{4})Q([1-4])$/i.exec(t);
  if (m) {
    const qq = num(m[2]!);
    const y = m[1] ? Number(m[1]) : qq <= q ? today.year : today.year - 1;
    return quarter(y, qq);
  }
  return undefined;
}
