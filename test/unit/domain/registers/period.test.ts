// The period of a register: two days from the command line, or the words staff use in chat,
// read against a fixed `now` (Shanghai); a day that does not exist is refused, not rolled over.
import { describe, expect, it } from 'vitest';
import { periodFromFlags, periodFromWords } from '../../../../src/domain/registers/period.ts';

// Monday 2026-11-23 10:00 in Shanghai.
const NOW = new Date('2026-11-23T02:00:00Z');

function words(text: string, now = NOW) {
  const r = periodFromWords(text, now);
  return r.ok ? [r.period.fromDay, r.period.toDay, r.period.label] : r.message;
}

describe('register periods', () => {
  it('chat words: this and last month, quarter and year', () => {
    expect(words('本月')).toEqual(['2026-11-01', '2026-11-30', '2026年11月']);
    expect(words('上个月')).toEqual(['2026-10-01', '2026-10-31', '2026年10月']);
    expect(words('本季度')).toEqual(['2026-10-01', '2026-12-31', '2026年第四季度']);
    expect(words('上季度')).toEqual(['2026-07-01', '2026-09-30', '2026年第三季度']);
    expect(words('今年')).toEqual(['2026-01-01', '2026-12-31', '2026年']);
    expect(words('去年')).toEqual(['2025-01-01', '2025-12-31', '2025年']);
    expect(words('2026年')).toEqual(['2026-01-01', '2026-12-31', '2026年']);
    expect(words('2026年第三季度')).toEqual(['2026-07-01', '2026-09-30', '2026年第三季度']);
    expect(words('2026年2月')).toEqual(['2026-02-01', '2026-02-28', '2026年2月']);
  });

  it('a month or quarter without a year is the latest one that has begun', () => {
    expect(words('11月')).toEqual(['2026-11-01', '2026-11-30', '2026年11月']);
    expect(words('十二月')).toEqual(['2025-12-01', '2025-12-31', '2025年12月']);
    expect(words('3月份')).toEqual(['2026-03-01', '2026-03-31', '2026年3月']);
    expect(words('第一季度')).toEqual(['2026-01-01', '2026-03-31', '2026年第一季度']);
    // In January, 上个月 and 上季度 are last year's.
    const jan = new Date('2027-01-04T01:00:00Z');
    expect(words('上个月', jan)).toEqual(['2026-12-01', '2026-12-31', '2026年12月']);
    expect(words('上季度', jan)).toEqual(['2026-10-01', '2026-12-31', '2026年第四季度']);
    expect(words('11月', jan)).toEqual(['2026-11-01', '2026-11-30', '2026年11月']);
  });

  it('a period that has not begun, or words it cannot read, get one sentence', () => {
    expect(words('2027年')).toBe('2027年还没有开始，没有可以导出的记录；请换一个已经开始的时间段。');
    expect(words('下个月')).toMatch(/^看不懂“下个月”是哪段时间，请写/);
    expect(words('13月')).toMatch(/^看不懂/);
  });

  it('the command line: real days, --from not after --to, a label for whole months and quarters', () => {
    const q = periodFromFlags('2026-10-01', '2026-12-31');
    expect(q.ok && [q.period.label, q.period.from.toISOString(), q.period.to.toISOString()]).toEqual(['2026年第四季度', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    const span = periodFromFlags('2026-11-03', '2026-11-20');
    expect(span.ok && span.period.label).toBe('2026年11月3日至2026年11月20日');
    expect(periodFromFlags('2026-02-30', '2026-03-01')).toEqual({ ok: false, message: '--from: 2026-02-30 不是存在的日期（2026 年 2 月只有 28 天）' });
    expect(periodFromFlags('2026-01-01', '2026-13-01')).toEqual({ ok: false, message: '--to: 2026-13-01 不是存在的日期（月份应为 01–12）' });
    expect(periodFromFlags('2026-12-01', '2026-11-30')).toEqual({ ok: false, message: '--from 2026-12-01 晚于 --to 2026-11-30：起始日期不能晚于结束日期' });
    expect(periodFromFlags('2026/12/01', '2026-12-31')).toEqual({ ok: false, message: '--from: 「2026/12/01」格式不对，应为 YYYY-MM-DD，例如 2026-10-01' });
  });
});
