// Finds the date and time pieces in one loose chat message (明天 / 下周二 / 12月5日 /
// 下午 / 3点半 …) without deciding anything yet; datetime.ts turns them into an instant.
// Each rule removes what it matched, so the order below matters: whole dates before their
// parts (12月5日 before 5日), weekdays before clock times (礼拜三三点 is 周三 + 三点, not
// 33点), and relative words before the single-character periods 早/晚 (明早, 今晚).
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.ts';

export type PeriodKind = 'dawn' | 'morning' | 'noon' | 'afternoon' | 'evening';
/** 上午, 下午 …; defaultHour is used when no clock time is given (凌晨 has none). */
export interface Period {
  kind: PeriodKind;
  word: string;
  defaultHour?: number;
}

export type DatePhrase =
  /** 今天 0, 明天 1, 昨天 -1 … */
  | { kind: 'relative'; days: number }
  /**
   * 12月5日, 2026-12-05, 12/5, 12月底; year absent when not said. 明年2月3日: yearOffset 1
   * (今年 0, 后年 2, 去年 -1 …), counted from the current year.
   */
  | { kind: 'calendar'; year?: number; yearOffset?: number; month: number; day: number | 'last' }
  /** 本月20日 (offset 0), 下个月5号 (1), 月底; offset absent for a bare 5号. */
  | { kind: 'monthDay'; monthOffset?: number; day: number | 'last' };

export interface Words {
  dates: DatePhrase[];
  /** offset: 本周 0, 下周 1, 下下周 2, 上周 -1; absent for a bare 周五. weekday 1 = Monday. */
  weeks: { offset?: number; weekday: number }[];
  periods: Period[];
  clocks: { hour: number; minute: number }[];
  /** Phrases that name no single day or hour (下周, 下个月, 12月, 明年, 周末). */
  vague: string[];
  /** A numeral that did not read as a number (十十点). */
  unreadable: boolean;
  /** What no rule claimed, trimmed. */
  rest: string;
}

const CN = CHINESE_NUMERAL_CHARS.replace(/[百千]/g, '');
const N = `(?<!\\d)(?:\\d{1,2}|[${CN}]{1,3})(?!\\d)`; // month, day or hour
const MIN = `零?(?:\\d{1,2}|[${CN}]{1,3})(?!\\d)`;
const YEAR = `(?<!\\d)(?:\\d{4}|\\d{2}|[〇零一二三四五六七八九]{4})(?!\\d)`;
const DAY = `(${N}|底|末)\\s*[日号]?`;
const PREFIX = '下下个?|下个?|本|这个?|上个?'; // 下下个月, 这个星期 …
const WEEK = '(?:周|星期|礼拜)';

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  大后天: 3, 后天: 2, 明天: 1, 明日: 1, 明儿: 1, 今天: 0, 今日: 0, 今儿: 0, 昨天: -1, 昨日: -1, 前天: -2,
};
const PERIODS: Readonly<Record<string, Omit<Period, 'word'>>> = {
  一早: { kind: 'morning', defaultHour: 8 },
  凌晨: { kind: 'dawn' },
  清晨: { kind: 'morning', defaultHour: 7 },
  早晨: { kind: 'morning', defaultHour: 8 },
  早上: { kind: 'morning', defaultHour: 8 },
  早: { kind: 'morning', defaultHour: 8 },
  上午: { kind: 'morning', defaultHour: 9 },
  中午: { kind: 'noon', defaultHour: 12 },
  午后: { kind: 'afternoon', defaultHour: 14 },
  下午: { kind: 'afternoon', defaultHour: 15 },
  傍晚: { kind: 'evening', defaultHour: 18 },
  晚上: { kind: 'evening', defaultHour: 19 },
  晚间: { kind: 'evening', defaultHour: 19 },
  夜里: { kind: 'evening', defaultHour: 21 },
  晚: { kind: 'evening', defaultHour: 19 },
};
const WEEKDAYS: Readonly<Record<string, number>> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7,
};
const PREFIX_OFFSETS: Readonly<Record<string, number>> = { 上: -1, 本: 0, 这: 0, 下: 1, 下下: 2 };
const YEAR_OFFSETS: Readonly<Record<string, number>> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1, 后年: 2, 大后年: 3 };
const YEAR_WORD = '(?:大后年|后年|明年|今年|去年|前年)';

type Apply = (m: RegExpMatchArray, w: Words, num: (s: string | undefined) => number) => void;

const RULES: [RegExp, Apply][] = [
  // 2026年12月5日, 26年12月底
  [rx(`(${YEAR})\\s*年\\s*(${N})\\s*月\\s*${DAY}`), (m, w, num) =>
    w.dates.push(calendar(num(m[2]), m[3], num, yearOf(num(m[1]))))],
  // 明年2月3日, 今年的12月底: a year counted from this one.
  [rx(`(${YEAR_WORD})\\s*的?\\s*(${N})\\s*月\\s*${DAY}`), (m, w, num) =>
    w.dates.push({ kind: 'calendar', yearOffset: YEAR_OFFSETS[m[1]!], month: num(m[2]), day: dayOf(m[3], num) })],
  // 2026-12-05, 2026/12/5, 2026.12.5
  [rx(`(?<!\\d)(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?!\\d)`), (m, w, num) =>
    w.dates.push(calendar(num(m[2]), m[3], num, num(m[1])))],
  // 12月5日, 十二月五号, 12月底
  [rx(`(${N})\\s*月\\s*${DAY}`), (m, w, num) => w.dates.push(calendar(num(m[1]), m[2], num))],
  // 本月20日, 下个月5号, 月底
  [rx(`(${PREFIX})?\\s*月\\s*的?\\s*${DAY}`), (m, w, num) =>
    w.dates.push({ kind: 'monthDay', monthOffset: prefixOffset(m[1]), day: dayOf(m[2], num) })],
  // 12/5, 12.5 — but not "下午3.30", which is a clock time we do not guess at.
  [rx(`(?<![\\d.:/午上晚早])(\\d{1,2})\\s*[/.]\\s*(\\d{1,2})(?![\\d.:/])`), (m, w, num) =>
    w.dates.push(calendar(num(m[1]), m[2], num))],
  [rx(Object.keys(RELATIVE_DAYS).join('|')), (m, w) => w.dates.push({ kind: 'relative', days: RELATIVE_DAYS[m[0]]! })],
  // 今早, 明晚上: a day and a period in one word.
  [rx('(今|明|昨)\\s*(早|晚)上?'), (m, w) => {
    w.dates.push({ kind: 'relative', days: RELATIVE_DAYS[`${m[1]}天`]! });
    w.periods.push(period(m[2]!));
  }],
  // 周五, 星期天, 下礼拜三, 这个星期六
  [rx(`(${PREFIX})?\\s*${WEEK}\\s*([${Object.keys(WEEKDAYS).join('')}])`), (m, w) =>
    w.weeks.push({ offset: prefixOffset(m[1]), weekday: WEEKDAYS[m[2]!]! })],
  // 下周, 周末, 下个月, 12月, 2026年, 明年, 明年2月: no single day named.
  [rx(`(?:${PREFIX})\\s*${WEEK}|周末|(?:${PREFIX})\\s*月|(?:(?:${YEAR}\\s*年|${YEAR_WORD})\\s*的?\\s*)?${N}\\s*月|${YEAR}\\s*年|${YEAR_WORD}`), (m, w) =>
    w.vague.push(m[0].replace(/\s+/g, ''))],
  // 5号, 二十五日
  [rx(`(${N})\\s*[日号]`), (m, w, num) => w.dates.push({ kind: 'monthDay', day: num(m[1]) })],
  // 9:30 (the full-width colon is already folded by normalizeInput)
  [rx('(?<!\\d)(\\d{1,2})\\s*:\\s*(\\d{1,2})(?!\\d)'), (m, w, num) =>
    w.clocks.push({ hour: num(m[1]), minute: num(m[2]) })],
  // 9点, 9点半, 三点一刻, 九点零五, 14时30分, 9点钟
  [rx(`(${N})\\s*[点时]\\s*(?:(半)|([一1]刻)|([三3]刻)|(${MIN})\\s*分?|整|钟)?`), (m, w, num) =>
    w.clocks.push({ hour: num(m[1]), minute: minuteOf(m, num) })],
  [rx(Object.keys(PERIODS).join('|')), (m, w) => w.periods.push(period(m[0]))],
];

/** The pieces of a normalised message (see normalizeInput). */
export function extractWords(text: string): Words {
  const w: Words = { dates: [], weeks: [], periods: [], clocks: [], vague: [], unreadable: false, rest: '' };
  const num = (s: string | undefined): number => {
    const n = s === undefined ? undefined : parseChineseNumber(s);
    if (n === undefined) w.unreadable = true;
    return n ?? Number.NaN;
  };
  let rest = text;
  for (const [re, apply] of RULES) {
    for (const m of rest.matchAll(re)) apply(m, w, num);
    rest = rest.replace(re, ' ');
  }
  w.rest = rest.replace(/\s+/g, ' ').trim();
  return w;
}

function rx(source: string): RegExp {
  return new RegExp(source, 'gu');
}

function calendar(month: number, day: string | undefined, num: (s: string | undefined) => number, year?: number): DatePhrase {
  return { kind: 'calendar', year, month, day: dayOf(day, num) };
}

function dayOf(day: string | undefined, num: (s: string | undefined) => number): number | 'last' {
  return day === '底' || day === '末' ? 'last' : num(day);
}

// People write 26年 for 2026.
function yearOf(year: number): number {
  return year < 100 ? 2000 + year : year;
}

// 本/这 0, 下 1, 下下 2, 上 -1; 个 is optional filler (下个月, 这个星期).
function prefixOffset(prefix: string | undefined): number | undefined {
  return prefix === undefined ? undefined : PREFIX_OFFSETS[prefix.replace('个', '')];
}

// Groups of the clock rule: 2 半, 3 一刻, 4 三刻, 5 minutes (零 in 九点零五 is only a filler).
function minuteOf(m: RegExpMatchArray, num: (s: string | undefined) => number): number {
  if (m[2]) return 30;
  if (m[3]) return 15;
  if (m[4]) return 45;
  return m[5] ? num(m[5].replace(/^零(?=.)/u, '')) : 0;
}

function period(word: string): Period {
  return { word, ...PERIODS[word]! };
}
