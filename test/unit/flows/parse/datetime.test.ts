import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatTime, parseDateTime, type DateTimeResult } from '../../../../src/flows/parse/datetime.ts';

// Reference: Saturday 2026-11-21, 10:00 in Shanghai.
const NOW = '2026-11-21T10:00:00+08:00';

/** The Shanghai wall time of an instant, without touching the process time zone. */
function wall(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function parse(input: string, now = NOW): DateTimeResult {
  return parseDateTime(input, new Date(now));
}

/** [what the deputy typed, Shanghai wall time, hasTime, optional reference instant] */
type Row = readonly [string, string, boolean, string?];
// rows:start
const ROWS: Row[] = [
  ['今天', '2026-11-21 09:00', false],
  ['明天', '2026-11-22 09:00', false],
  ['后天', '2026-11-23 09:00', false],
  ['大后天', '2026-11-24 09:00', false],
  ['昨天', '2026-11-20 09:00', false],
  ['明天上午9点', '2026-11-22 09:00', true],
  ['下午3点', '2026-11-21 15:00', true],
  ['晚上8点', '2026-11-21 20:00', true],
  ['中午12点', '2026-11-21 12:00', true],
  ['上午12点', '2026-11-21 12:00', true],
  ['9点', '2026-11-21 09:00', true],
  ['9点半', '2026-11-21 09:30', true],
  ['9:30', '2026-11-21 09:30', true],
  ['9：30', '2026-11-21 09:30', true],
  ['14时30分', '2026-11-21 14:30', true],
  ['三点一刻', '2026-11-21 15:15', true],
  ['下午三点一刻', '2026-11-21 15:15', true],
  ['十点半', '2026-11-21 10:30', true],
  ['周五', '2026-11-27 09:00', false],
  ['周五下午', '2026-11-27 15:00', true],
  ['星期五', '2026-11-27 09:00', false],
  ['礼拜三', '2026-11-25 09:00', false],
  ['星期天', '2026-11-22 09:00', false],
  ['周六', '2026-11-21 09:00', false],
  ['周六上午9点', '2026-11-28 09:00', true],
  ['周六下午3点', '2026-11-21 15:00', true],
  ['本周六', '2026-11-21 09:00', false],
  ['本周六上午十点半', '2026-11-21 10:30', true],
  ['这周日', '2026-11-22 09:00', false],
  ['本周三', '2026-11-18 09:00', false],
  ['下周二', '2026-11-24 09:00', false],
  ['下周二下午2点', '2026-11-24 14:00', true],
  ['下下周一', '2026-11-30 09:00', false],
  ['下周日', '2026-11-29 09:00', false],
  ['下个星期五', '2026-11-27 09:00', false],
  ['12月5日', '2026-12-05 09:00', false],
  ['12月5号', '2026-12-05 09:00', false],
  ['12/5', '2026-12-05 09:00', false],
  ['2026年12月5日', '2026-12-05 09:00', false],
  ['2026-12-05', '2026-12-05 09:00', false],
  ['12.5', '2026-12-05 09:00', false],
  ['十二月五日', '2026-12-05 09:00', false],
  ['１２月５日', '2026-12-05 09:00', false],
  ['1月3日', '2027-01-03 09:00', false],
  ['11月20日', '2027-11-20 09:00', false],
  ['下个月5号', '2026-12-05 09:00', false],
  ['下月5号', '2026-12-05 09:00', false],
  ['本月20日', '2026-11-20 09:00', false],
  ['5号', '2026-12-05 09:00', false],
  ['25号', '2026-11-25 09:00', false],
  ['31号', '2026-12-31 09:00', false],
  ['月底', '2026-11-30 09:00', false],
  ['12月底', '2026-12-31 09:00', false],
  ['下个月31号', '2026-12-31 09:00', false],
  ['12月5日14:30', '2026-12-05 14:30', true],
  ['12月5日 下午2:30', '2026-12-05 14:30', true],
  ['12月5日周六', '2026-12-05 09:00', false],
  ['后天下午三点', '2026-11-23 15:00', true],
  ['今天晚上8点半', '2026-11-21 20:30', true],
  ['明早8点', '2026-11-22 08:00', true],
  ['今晚7点', '2026-11-21 19:00', true],
  ['明天下午', '2026-11-22 15:00', true],
  ['晚上12点', '2026-11-22 00:00', true],
  ['明天凌晨2点', '2026-11-22 02:00', true],
  ['两点半', '2026-11-21 14:30', true],
  ['明天9点45分', '2026-11-22 09:45', true],
  ['九点零五', '2026-11-21 09:05', true],
  ['下周二 9点', '2026-11-24 09:00', true],
  ['明天 上午 9 点', '2026-11-22 09:00', true],
  ['明天上午9点开会', '2026-11-22 09:00', true],
  ['礼拜三三点', '2026-11-25 15:00', true],
  ['2028年2月29日', '2028-02-29 09:00', false],
  ['二〇二六年十二月五日', '2026-12-05 09:00', false],
  ['2026.12.5', '2026-12-05 09:00', false],
  ['下礼拜三', '2026-11-25 09:00', false],
  ['三点三刻', '2026-11-21 15:45', true],
  ['晚上十点', '2026-11-21 22:00', true],
  ['12月5日，下午3点', '2026-12-05 15:00', true],
  ['周五', '2026-11-27 09:00', false, '2026-11-27T08:00:00+08:00'],
  ['周五下午3点', '2026-12-04 15:00', true, '2026-11-27T16:00:00+08:00'],
  ['下周二', '2026-11-24 09:00', false, '2026-11-22T10:00:00+08:00'],
  ['下周一', '2026-11-30 09:00', false, '2026-11-23T10:00:00+08:00'],
  ['12月31日', '2026-12-31 09:00', false, '2026-12-31T10:00:00+08:00'],
  ['1月1日', '2027-01-01 09:00', false, '2026-12-31T10:00:00+08:00'],
  ['月底', '2027-02-28 09:00', false, '2027-02-10T10:00:00+08:00'],
  ['5号', '2026-11-05 09:00', false, '2026-11-05T10:00:00+08:00'],
  // A year counted from this one (today is in 2026).
  ['明年2月28日下午3点', '2027-02-28 15:00', true],
  ['明年12月5日', '2027-12-05 09:00', false],
  ['明年的3月1日', '2027-03-01 09:00', false],
  ['今年12月5日', '2026-12-05 09:00', false],
  ['后年1月1日', '2028-01-01 09:00', false],
  ['大后年1月1日', '2029-01-01 09:00', false],
  ['去年12月5日', '2025-12-05 09:00', false],
  ['前年12月5日', '2024-12-05 09:00', false],
  ['后年2月29日', '2028-02-29 09:00', false],
  ['明年二月二十八号', '2027-02-28 09:00', false],
  // 00:30 in Shanghai is still the previous day in UTC: "明天" must count from Shanghai.
  ['明天', '2026-11-22 09:00', false, '2026-11-20T16:30:00Z'],
  ['今天下午3点', '2026-11-21 15:00', true, '2026-11-20T16:30:00Z'],
];
// rows:end

/** [input, reason, message (checked exactly when given)] */
const REFUSED: readonly [string, 'not_a_date' | 'impossible_date' | 'ambiguous', string?][] = [
  ['2月30日', 'impossible_date', '2月没有30日，请重新输入日期，例如“12月5日14:30”。'],
  ['4月31日', 'impossible_date', '4月没有31日，请重新输入日期，例如“12月5日14:30”。'],
  ['13月1日', 'impossible_date', '没有13月，请重新输入日期，例如“12月5日14:30”。'],
  ['2027年2月29日', 'impossible_date', '2027年2月没有29日，请重新输入日期，例如“12月5日14:30”。'],
  ['2月29日', 'impossible_date', '2027年2月没有29日，请重新输入日期，例如“12月5日14:30”。'],
  ['25点', 'impossible_date', '没有25点这个时间，请重新输入时间，例如“下午3点”或“15:30”。'],
  ['9点70分', 'impossible_date', '一小时只有60分钟，没有70分，请重新输入时间，例如“9点30分”。'],
  ['9:70', 'impossible_date'],
  ['11月31日', 'impossible_date'],
  ['本月31号', 'impossible_date', '11月没有31日，请重新输入日期，例如“12月5日14:30”。'],
  ['32号', 'impossible_date'],
  ['0月5日', 'impossible_date'],
  ['上午15点', 'impossible_date'],
  ['24:30', 'impossible_date'],
  // February has no 30th whichever way the year is said; its 29th is missing only in common years.
  ['明年2月30日下午3点', 'impossible_date', '2月没有30日，请重新输入日期，例如“12月5日14:30”。'],
  ['今年2月30日', 'impossible_date', '2月没有30日，请重新输入日期，例如“12月5日14:30”。'],
  ['后年2月30日', 'impossible_date', '2月没有30日，请重新输入日期，例如“12月5日14:30”。'],
  ['明年二月三十号', 'impossible_date', '2月没有30日，请重新输入日期，例如“12月5日14:30”。'],
  ['明年2月29日', 'impossible_date', '2027年2月没有29日，请重新输入日期，例如“12月5日14:30”。'],
  ['今年2月29日', 'impossible_date', '2026年2月没有29日，请重新输入日期，例如“12月5日14:30”。'],
  ['明年4月31日', 'impossible_date', '4月没有31日，请重新输入日期，例如“12月5日14:30”。'],
  ['明年', 'ambiguous', '请说明是明年几月几日，例如“明年12月5日”。'],
  ['明年2月', 'ambiguous', '请说明是明年2月几号，例如“明年2月5号上午9点”。'],
  ['你好', 'not_a_date', '没看懂这个时间，请输入日期和时间，例如“明天上午9点”或“12月5日14:30”。'],
  ['', 'not_a_date'],
  ['提交', 'not_a_date'],
  ['5', 'not_a_date'],
  ['明天3', 'not_a_date'],
  ['下周', 'ambiguous', '请说明是下周的哪一天，例如“下周二下午2点”。'],
  ['下个月', 'ambiguous', '请说明是下个月几号，例如“下个月5号上午9点”。'],
  ['12月', 'ambiguous'],
  ['周末', 'ambiguous'],
  ['12月5日周五', 'ambiguous', '12月5日是周六，不是周五，请确认后重新输入日期。'],
  ['明天周一', 'ambiguous', '11月22日是周日，不是周一，请确认后重新输入日期。'],
  ['明天后天', 'ambiguous'],
  ['上午下午', 'ambiguous'],
  ['明天凌晨', 'ambiguous', '请说明凌晨几点，例如“凌晨5点”。'],
  ['周一到周五', 'ambiguous'],
  ['12月5日下午两点到四点', 'ambiguous'],
  ['下午3.30', 'not_a_date'],
];

// Node re-reads process.env.TZ when it is assigned, so each block really runs in that zone.
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati'] as const;

describe.each(ZONES)('parseDateTime with the process in %s', (zone) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('really runs in that zone', () => {
    const localHour = new Date('2026-11-21T02:00:00Z').getHours();
    expect(localHour).toBe({ UTC: 2, 'Asia/Shanghai': 10, 'America/Los_Angeles': 18, 'Pacific/Kiritimati': 16 }[zone]);
  });

  for (const [input, want, hasTime, now] of ROWS) {
    it(`${input} → ${want}${now ? ` (now ${now})` : ''}`, () => {
      const r = parse(input, now);
      if (!r.ok) throw new Error(`${input}: refused (${r.reason}) ${r.message}`);
      expect(wall(r.date)).toBe(want);
      expect(r.hasTime).toBe(hasTime);
    });
  }

  it.each(REFUSED)('refuses %s (%s)', (input, reason, message) => {
    const r = parse(input);
    expect(r).toMatchObject({ ok: false, reason });
    if (message !== undefined) expect(r).toMatchObject({ message });
  });
});

describe('parseDateTime options and text', () => {
  it('renders the canonical text, with the time only when one was given', () => {
    expect(parse('下周二上午9点')).toMatchObject({ ok: true, text: '11月24日（周二）09:00' });
    expect(parse('下周二')).toMatchObject({ ok: true, text: '11月24日（周二）' });
  });

  it('uses defaultHour when no time is given', () => {
    const r = parseDateTime('12月5日', new Date(NOW), { defaultHour: 14 });
    expect(r.ok && wall(r.date)).toBe('2026-12-05 14:00');
  });

  it('keeps past dates in the current year, month and week when preferFuture is false', () => {
    const at = (input: string) => {
      const r = parseDateTime(input, new Date(NOW), { preferFuture: false });
      return r.ok ? wall(r.date) : r.reason;
    };
    expect(at('11月20日')).toBe('2026-11-20 09:00');
    expect(at('5号')).toBe('2026-11-05 09:00');
    expect(at('周三')).toBe('2026-11-18 09:00');
  });

  it('a month counted from this one names the year when only a leap year has the day', () => {
    const jan = '2027-01-10T10:00:00+08:00';
    expect(parse('下个月29号', jan)).toMatchObject({ ok: false, reason: 'impossible_date', message: '2027年2月没有29日，请重新输入日期，例如“12月5日14:30”。' });
    expect(parse('下个月30号', jan)).toMatchObject({ ok: false, reason: 'impossible_date', message: '2月没有30日，请重新输入日期，例如“12月5日14:30”。' });
    expect(parse('明年2月29日', jan)).toMatchObject({ ok: true, text: '2月29日（周二）' });
  });

  it('every message is one short polite sentence', () => {
    for (const [input] of REFUSED) {
      const r = parse(input);
      if (r.ok) throw new Error(`${input} was accepted`);
      expect(r.message).toMatch(/^[^。]{4,60}。$/u);
    }
  });
});

describe('formatDateTime / formatDate / formatTime', () => {
  it('render Shanghai wall time whatever the instant', () => {
    const d = new Date('2026-11-24T01:00:00Z');
    expect(formatDateTime(d)).toBe('11月24日（周二）09:00');
    expect(formatDate(d)).toBe('11月24日（周二）');
    expect(formatDateTime(new Date('2026-11-23T16:00:00Z'))).toBe('11月24日（周二）00:00');
    expect(formatTime(new Date('2026-11-24T06:05:00Z'))).toBe('14:05');
  });
});
