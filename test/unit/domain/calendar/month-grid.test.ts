import { describe, expect, it } from 'vitest';
import { monthGrid, parseMonth, shiftMonth } from '../../../../src/domain/calendar/month-grid.ts';

describe('the console calendar month grid', () => {
  it('December 2026 starts on a Tuesday: one blank Monday, five weeks, every date once', () => {
    const g = monthGrid(2026, 12);
    expect(g.weeks[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(g.weeks).toHaveLength(5);
    expect(g.weeks.every((w) => w.length === 7)).toBe(true);
    expect(g.weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(g.weeks.at(-1)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
  });

  it('February 2027 (28 days from a Monday) is exactly four weeks; a leap February has its 29th', () => {
    expect(monthGrid(2027, 2).weeks).toHaveLength(4);
    expect(monthGrid(2028, 2).last).toBe('2028-02-29');
  });

  it('the neighbours cross the year', () => {
    expect(monthGrid(2026, 12).next).toBe('2027-01');
    expect(monthGrid(2027, 1).previous).toBe('2026-12');
    expect(shiftMonth(2026, 11, 14)).toBe('2028-01');
  });

  it('a month from a link is read only when it is one', () => {
    expect(parseMonth('2026-12')).toEqual({ year: 2026, month: 12 });
    for (const bad of ['2026-13', '2026-00', '26-12', '2026-1', '2026-12-01', '<script>']) expect(parseMonth(bad)).toBeUndefined();
  });
});
