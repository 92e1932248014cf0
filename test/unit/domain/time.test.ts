// Business time is Asia/Shanghai while the machine (and vitest, TZ=UTC) runs in UTC.
import { describe, expect, it } from 'vitest';
import { formatLocal, parseLocalDateTime, shanghaiYear } from '../../../src/domain/time.ts';

function parsed(text: string, zone?: string): Date {
  const r = parseLocalDateTime(text, zone);
  if (!r.ok) throw new Error(r.message);
  return r.date;
}

function refused(text: string): string {
  const r = parseLocalDateTime(text);
  return r.ok ? '' : r.message;
}

describe('parseLocalDateTime', () => {
  it('reads the wall clock in Asia/Shanghai (UTC+8), whatever the process zone', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(parsed('2026-12-05 14:30').toISOString()).toBe('2026-12-05T06:30:00.000Z');
    expect(parsed('2027-01-01 07:59').toISOString()).toBe('2026-12-31T23:59:00.000Z');
    expect(parsed(' 2026-12-05 00:00 ').toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parsed('2028-02-29 09:00').toISOString()).toBe('2028-02-29T01:00:00.000Z');
    expect(refused('2026-02-29 09:00')).toBe('2026-02-29 不是存在的日期（2026 年 2 月只有 28 天）');
  });

  it('refuses dates and times that do not exist, saying why', () => {
    expect(refused('2026-02-30 14:00')).toBe('2026-02-30 不是存在的日期（2026 年 2 月只有 28 天）');
    expect(refused('2026-04-31 14:00')).toBe('2026-04-31 不是存在的日期（2026 年 4 月只有 30 天）');
    expect(refused('2026-13-01 14:00')).toBe('2026-13-01 不是存在的日期（月份应为 01–12）');
    expect(refused('2026-00-10 14:00')).toMatch(/月份应为 01–12/);
    expect(refused('2026-12-00 14:00')).toMatch(/^2026-12-00 不是存在的日期/);
    expect(refused('2026-12-05 25:00')).toBe('25:00 不是有效的时刻（小时应为 00–23，分钟应为 00–59）');
    expect(refused('2026-12-05 24:00')).toMatch(/^24:00 不是有效的时刻/);
    expect(refused('2026-12-05 14:60')).toMatch(/^14:60 不是有效的时刻/);
    expect(refused('0099-12-05 14:00')).toMatch(/年份不对/);
  });

  it('accepts exactly YYYY-MM-DD HH:mm', () => {
    for (const text of ['2026-12-5 14:30', '2026-12-05T14:30', '2026/12/05 14:30', '2026-12-05 14:30:00', '2026-12-05  14:30', '明天下午', '']) {
      expect(refused(text)).toBe(`「${text}」格式不对：应为 YYYY-MM-DD HH:mm，例如 2026-12-05 14:30`);
    }
  });

  it('converts through a named zone, so a zone with DST also works (gap refused)', () => {
    expect(parsed('2026-07-01 12:00', 'America/New_York').toISOString()).toBe('2026-07-01T16:00:00.000Z');
    expect(parsed('2026-01-15 12:00', 'America/New_York').toISOString()).toBe('2026-01-15T17:00:00.000Z');
    const gap = parseLocalDateTime('2026-03-08 02:30', 'America/New_York');
    expect(gap).toEqual({ ok: false, message: '2026-03-08 02:30 在时区 America/New_York 不存在（夏令时跳过了这段时间）' });
  });
});

describe('formatLocal and shanghaiYear', () => {
  it('shows Shanghai wall-clock time and round-trips with parseLocalDateTime', () => {
    expect(formatLocal(new Date('2026-12-05T06:30:00Z'))).toBe('2026-12-05 14:30');
    expect(formatLocal(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00');
    expect(formatLocal(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01 23:59');
    for (const text of ['2026-01-01 00:00', '2026-06-30 23:59', '2028-02-29 12:05']) expect(formatLocal(parsed(text))).toBe(text);
    expect(formatLocal(new Date('2026-07-01T16:00:00Z'), 'America/New_York')).toBe('2026-07-01 12:00');
  });

  it('counts the year in Shanghai: 1 January starts at 16:00 UTC on 31 December (rule L2 quotas)', () => {
    expect(shanghaiYear(new Date('2026-12-31T15:59:59.999Z'))).toBe(2026);
    expect(shanghaiYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});
