import { describe, expect, it } from 'vitest';
import { parsePastDate } from '../../../../src/flows/parse/past-date.ts';

const now = new Date('2026-11-23T02:00:00Z'); // Monday 23 Nov 2026, 10:00 Shanghai
const jan = new Date('2027-01-03T02:00:00Z');

describe('a past day as people type it (diary, record entries)', () => {
  it.each([
    ['今天', '2026-11-23'], ['昨天', '2026-11-22'], ['前天', '2026-11-21'], ['11月20日', '2026-11-20'], ['11月20号', '2026-11-20'],
    ['十一月二十日', '2026-11-20'], ['11.20', '2026-11-20'], ['11/20', '2026-11-20'], ['2026-11-20', '2026-11-20'], ['2026年3月1日', '2026-03-01'],
    ['１１月２０日', '2026-11-20'],
  ])('%s → %s', (text, date) => {
    expect(parsePastDate(text, now)).toEqual({ ok: true, date });
  });

  it('a month and day after today is last year\'s; in January, December is last year', () => {
    expect(parsePastDate('12月28日', jan)).toEqual({ ok: true, date: '2026-12-28' });
    expect(parsePastDate('12月1日', now)).toEqual({ ok: true, date: '2025-12-01' });
  });

  it('refuses what is not a past day, with the reason', () => {
    expect(parsePastDate('2月30日', now)).toEqual({ ok: false, reason: 'impossible' });
    expect(parsePastDate('2026-12-01', now)).toEqual({ ok: false, reason: 'future' });
    expect(parsePastDate('2024-01-01', now)).toEqual({ ok: false, reason: 'too_old' });
    expect(parsePastDate('上周', now)).toEqual({ ok: false, reason: 'unreadable' });
  });
});
