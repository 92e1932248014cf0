// Loose Chinese date/time answers ("明天上午9点", "下周二下午2点", "12月5日14:30") -> an instant
// in Asia/Shanghai, or a refusal that tells the user what to type instead.
//
// Why a focused parser and not chrono-node: chrono-node 2.10.3 (`chrono.zh.hans`, forwardDate,
// timezone +480) was run raw on this module's 88-row phrase table (test/unit/flows/parse/
// datetime.test.ts, 2026-11-21). It got 48 right in a UTC process, 55 with TZ=Asia/Shanghai:
// its day arithmetic follows the process zone despite `timezone` (at 00:30 Shanghai "明天"
// came out a day early). About 10 misses are only our conventions (3点 = 15:00, 9点 = today);
// the other ~30 are real: nothing at all for 下个月5号, 5号, 本月20日, 月底, 12/5, 12.5;
// 本周/下下周 ignored, 下周日 = this Sunday, 下周二 said on a Sunday = 12-01; 三点一刻 = 03:01;
// 周五下午 = today (a Saturday); 12月31日 said on Dec 31 = next year. It also accepted 11 of
// 31 inputs that must be refused (12月5日周五, 明天周一, 上午15点 …) and never says why it
// refused the rest. A wrapper would have to redo most of that, so the rules live here.
//
// Conventions (the tests pin each of them):
// - No day given ("下午3点"): today, even if that time has passed; the caller decides.
// - A day without a year ("1月3日"): the next occurrence, today included (preferFuture).
// - Bare "5号": this month if not past, else the next month that has that day.
// - Bare "周五": the next Friday on or after today; if today is Friday and a time was given
//   that has passed, next week's. "本周/下周/下下周X": that day of the calendar week, weeks
//   starting Monday ("本周三" said on Saturday is in the past: returned as is).
// - Hours 1–6 with no 上午/下午 mean the afternoon ("3点" = 15:00): nobody meets at 3 a.m.,
//   and the canonical text shown back lets the user correct it. "上午12点" is noon and
//   "晚上12点" is the midnight at the end of that day (00:00 the next day).
// - A period alone ("周五下午") uses its usual hour (下午 15:00) and counts as a time.
// - No time: hasTime false, defaultHour:00, and `text` shows the date only.
// - preferFuture false: no rolling forward — this year, this month, this calendar week.
// - Two dates or times, a weekday contradicting the date (12月5日周五), or numbers left over
//   that no rule read (明天3) are refused rather than guessed.
import { normalizeInput } from '../../lib/text.ts';
import { extractWords, type DatePhrase, type Period, type Words } from './datetime-words.ts';
import {
  addDays, addMonths, compareDates, daysInMonth, formatDate, formatDateTime, isoWeekday,
  shanghaiInstant, shanghaiParts, weekdayName, type CivilDate,
} from '../../domain/shanghai-time.ts';

export { formatDate, formatDateTime, formatTime } from '../../domain/shanghai-time.ts';

export type DateTimeFailure = {
  ok: false;
  reason: 'not_a_date' | 'impossible_date' | 'ambiguous';
  /** One short polite sentence saying what to type instead. */
  message: string;
};
export type DateTimeResult =
  | { ok: true; date: Date; hasTime: boolean; text: string }
  | DateTimeFailure;

export interface DateTimeOptions {
  /** Hour used when no time is given; default 9. */
  defaultHour?: number;
  /** A date without a year or month lies ahead rather than in the past; default true. */
  preferFuture?: boolean;
}

const EXAMPLE = '例如“12月5日14:30”';
const say = {
  notADate: '没看懂这个时间，请输入日期和时间，例如“明天上午9点”或“12月5日14:30”。',
  noMonth: (m: number) => `没有${m}月，请重新输入日期，${EXAMPLE}。`,
  noDay: (prefix: string, d: number) => `${prefix}没有${d}日，请重新输入日期，${EXAMPLE}。`,
  noHour: (h: string) => `没有${h}这个时间，请重新输入时间，例如“下午3点”或“15:30”。`,
  noMinute: (m: number) => `一小时只有60分钟，没有${m}分，请重新输入时间，例如“9点30分”。`,
  whichDay: (word: string) => `请说明是${word}的哪一天，例如“${word}二下午2点”。`,
  whichDate: (word: string) => `请说明是${word}几号，例如“${word}5号上午9点”。`,
  whichMonth: (word: string) => `请说明是${word}几月几日，例如“${word}12月5日”。`,
  weekend: '请说明是周六还是周日，例如“周六上午9点”。',
  whichHour: (word: string) => `请说明${word}几点，例如“${word}5点”。`,
  oneDate: `请只输入一个日期，${EXAMPLE}。`,
  oneTime: '请只输入一个时间，例如“明天上午9点”。',
  weekdayMismatch: (date: CivilDate, said: number) =>
    `${date.month}月${date.day}日是${weekdayName(isoWeekday(date))}，不是${weekdayName(said)}，请确认后重新输入日期。`,
};

type Time = { hasTime: boolean; minutes: number };

export function parseDateTime(input: string, now: Date, options: DateTimeOptions = {}): DateTimeResult {
  const w = extractWords(normalizeInput(input));
  const failure = checkWords(w);
  if (failure) return failure;
  const time = resolveTime(w, options.defaultHour ?? 9);
  if ('ok' in time) return time;
  const day = resolveDay(w, now, time, options.preferFuture ?? true);
  if ('ok' in day) return day;
  // Minutes past 24:00 (晚上12点) roll into the next day here.
  const date = shanghaiInstant(day, 0, time.minutes);
  return { ok: true, date, hasTime: time.hasTime, text: time.hasTime ? formatDateTime(date) : formatDate(date) };
}

function fail(reason: DateTimeFailure['reason'], message: string): DateTimeFailure {
  return { ok: false, reason, message };
}

// Leftover numbers or date characters mean we misread part of the message; better to ask
// again than to book the wrong day. Other leftover words (开会, 在人大) are harmless.
const MISREAD = /[\d零〇一二两三四五六七八九十百千年月日号周点时分:/]/u;

function checkWords(w: Words): DateTimeFailure | undefined {
  const found = w.dates.length + w.weeks.length + w.periods.length + w.clocks.length + w.vague.length;
  if (found === 0 || w.unreadable || MISREAD.test(w.rest)) return fail('not_a_date', say.notADate);
  if (w.vague[0] !== undefined) return fail('ambiguous', vagueMessage(w.vague[0]));
  if (w.dates.length > 1 || w.weeks.length > 1) return fail('ambiguous', say.oneDate);
  if (w.periods.length > 1 || w.clocks.length > 1) return fail('ambiguous', say.oneTime);
  return undefined;
}

function vagueMessage(word: string): string {
  if (word === '周末') return say.weekend;
  if (/周|星期|礼拜/u.test(word)) return say.whichDay(word);
  return word.endsWith('年') ? say.whichMonth(word) : say.whichDate(word);
}

function resolveTime(w: Words, defaultHour: number): Time | DateTimeFailure {
  const [clock, period] = [w.clocks[0], w.periods[0]];
  if (!clock) {
    if (!period) return { hasTime: false, minutes: defaultHour * 60 };
    if (period.defaultHour === undefined) return fail('ambiguous', say.whichHour(period.word));
    return { hasTime: true, minutes: period.defaultHour * 60 };
  }
  const { hour, minute } = clock;
  if (minute > 59) return fail('impossible_date', say.noMinute(minute));
  if (hour > 24 || (hour === 24 && minute > 0)) {
    return fail('impossible_date', say.noHour(minute ? `${hour}点${minute}分` : `${hour}点`));
  }
  if (hour > 12 && period && (period.kind === 'morning' || period.kind === 'dawn')) {
    return fail('impossible_date', say.noHour(`${period.word}${hour}点`));
  }
  return { hasTime: true, minutes: clockHour(hour, period) * 60 + minute };
}

// The 24-hour hour meant by "hour" said with a period word (or none); 24 = end of the day.
function clockHour(hour: number, period: Period | undefined): number {
  switch (period?.kind) {
    case undefined:
      return hour >= 1 && hour <= 6 ? hour + 12 : hour;
    case 'dawn':
      return hour === 12 ? 0 : hour;
    case 'morning':
      return hour;
    case 'noon':
      return hour < 6 ? hour + 12 : hour;
    case 'afternoon':
      return hour < 12 ? hour + 12 : hour;
    case 'evening':
      return hour === 0 ? 24 : hour <= 12 ? hour + 12 : hour;
  }
}

function resolveDay(w: Words, now: Date, time: Time, preferFuture: boolean): CivilDate | DateTimeFailure {
  const { date: today, minuteOfDay } = shanghaiParts(now);
  const [phrase, week] = [w.dates[0], w.weeks[0]];
  if (!phrase) {
    if (!week) return today;
    const passed = time.hasTime && time.minutes < minuteOfDay;
    return weekDate(week, today, passed, preferFuture);
  }
  const day = phraseDate(phrase, today, preferFuture);
  if (!('ok' in day) && week && isoWeekday(day) !== week.weekday) {
    return fail('ambiguous', say.weekdayMismatch(day, week.weekday));
  }
  return day;
}

function weekDate(week: Words['weeks'][number], today: CivilDate, passed: boolean, preferFuture: boolean): CivilDate {
  const todayWeekday = isoWeekday(today);
  if (week.offset !== undefined || !preferFuture) {
    const monday = addDays(today, 1 - todayWeekday);
    return addDays(monday, 7 * (week.offset ?? 0) + week.weekday - 1);
  }
  const ahead = (week.weekday - todayWeekday + 7) % 7;
  return addDays(today, ahead === 0 && passed ? 7 : ahead);
}

function phraseDate(phrase: DatePhrase, today: CivilDate, preferFuture: boolean): CivilDate | DateTimeFailure {
  switch (phrase.kind) {
    case 'relative':
      return addDays(today, phrase.days);
    case 'calendar':
      return calendarDate(phrase, today, preferFuture);
    case 'monthDay':
      return monthDayDate(phrase, today, preferFuture);
  }
}

function calendarDate(
  { year, yearOffset, month, day }: { year?: number; yearOffset?: number; month: number; day: number | 'last' },
  today: CivilDate,
  preferFuture: boolean,
): CivilDate | DateTimeFailure {
  if (month < 1 || month > 12) return fail('impossible_date', say.noMonth(month));
  const wanted = day === 'last' ? 31 : day;
  const said = year ?? (yearOffset === undefined ? undefined : today.year + yearOffset);
  let y = said ?? today.year;
  if (said === undefined && preferFuture && compareDates({ year: y, month, day: wanted }, today) < 0) y += 1;
  const last = daysInMonth(y, month);
  if (day === 'last') return { year: y, month, day: last };
  if (day >= 1 && day <= last) return { year: y, month, day };
  return noSuchDay(y, month, day);
}

// Only 2月29日 exists in some years and not others: then the year is the reason.
function noSuchDay(year: number, month: number, day: number): DateTimeFailure {
  const leapLast = daysInMonth(2028, month);
  return fail('impossible_date', say.noDay(day <= leapLast && day >= 1 ? `${year}年${month}月` : `${month}月`, day));
}

function monthDayDate(
  { monthOffset, day }: { monthOffset?: number; day: number | 'last' },
  today: CivilDate,
  preferFuture: boolean,
): CivilDate | DateTimeFailure {
  if (day === 'last') {
    const month = addMonths(today, monthOffset ?? 0);
    return { ...month, day: daysInMonth(month.year, month.month) };
  }
  if (monthOffset !== undefined || !preferFuture) {
    const month = addMonths(today, monthOffset ?? 0);
    if (day >= 1 && day <= daysInMonth(month.year, month.month)) return { ...month, day };
    return noSuchDay(month.year, month.month, day);
  }
  if (day < 1 || day > 31) return fail('impossible_date', say.noDay('每个月都', day));
  // This month if the day is still ahead, else the first later month that has it (31号).
  for (let offset = day < today.day ? 1 : 0; ; offset++) {
    const month = addMonths(today, offset);
    if (day <= daysInMonth(month.year, month.month)) return { ...month, day };
  }
}
