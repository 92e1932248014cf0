// Rule R1 reception days over 2026. In chinese-days 1.5.7's data the first Tuesdays of May
// (05-05, Labour Day) and October (10-06, National Day) are holidays; all others are working days.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RECEPTION_RULE,
  describeReceptionRule,
  nominalReceptionDay,
  receptionDates,
  receptionRuleSchema,
  type ReceptionRule,
} from '../../../../src/domain/calendar/reception-rule.ts';
import { createWorkingCalendar } from '../../../../src/domain/calendar/working-days.ts';

const cal = createWorkingCalendar();
const firstTuesday = (onNonWorkingDay: ReceptionRule['onNonWorkingDay']): ReceptionRule => ({
  ...DEFAULT_RECEPTION_RULE,
  onNonWorkingDay,
});
const datesOf = (rule: ReceptionRule, from = '2026-01', months = 12) =>
  receptionDates(rule, from, months, cal).value.map((r) => r.date);

describe('rule R1: the default reception day', () => {
  it('rule R1: a new station receives on the first Tuesday, moved to the next working day', () => {
    expect(DEFAULT_RECEPTION_RULE).toEqual({ kind: 'nth_weekday', n: 1, weekday: 2, onNonWorkingDay: 'next' });
    expect(describeReceptionRule(DEFAULT_RECEPTION_RULE)).toBe('每月第一个星期二，遇节假日顺延至下一个工作日');
    expect(receptionRuleSchema.parse({ kind: 'nth_weekday', n: 1, weekday: 2 })).toEqual(DEFAULT_RECEPTION_RULE);
  });

  it('rule R1: one date per month through 2026, May and October moved past their holidays', () => {
    const r = receptionDates(DEFAULT_RECEPTION_RULE, '2026-01', 12, cal);
    expect(r.assumedYears).toEqual([]);
    expect(r.value.map((d) => d.date)).toEqual([
      '2026-01-06', '2026-02-03', '2026-03-03', '2026-04-07', '2026-05-06', '2026-06-02',
      '2026-07-07', '2026-08-04', '2026-09-01', '2026-10-08', '2026-11-03', '2026-12-01',
    ]);
    expect(r.value[4]).toEqual({
      month: '2026-05', nominal: '2026-05-05', date: '2026-05-06', clamped: false, moved: true, workingDay: true,
    });
  });
});

describe('rule R1: a first Tuesday that is a holiday, under each policy', () => {
  const mayAndOctober = (rule: ReceptionRule) => {
    const dates = receptionDates(rule, '2026-01', 12, cal).value;
    return [dates[4], dates[9]].map((d) => [d?.month, d?.date, d?.workingDay]);
  };

  it('rule R1: keep holds it on the holiday itself', () => {
    expect(mayAndOctober(firstTuesday('keep'))).toEqual([
      ['2026-05', '2026-05-05', false],
      ['2026-10', '2026-10-06', false],
    ]);
  });

  it('rule R1: next moves it to the first working day after the break', () => {
    expect(mayAndOctober(firstTuesday('next'))).toEqual([['2026-05', '2026-05-06', true], ['2026-10', '2026-10-08', true]]);
  });

  it("rule R1: previous brings it forward, into the month before; it is still that month's reception", () => {
    expect(mayAndOctober(firstTuesday('previous'))).toEqual([['2026-05', '2026-04-30', true], ['2026-10', '2026-09-30', true]]);
  });
});

describe('rule R1: days a month lacks are clamped, never skipped', () => {
  it('rule R1: the 31st becomes the last day of a short month; Saturday 02-28 is a make-up workday', () => {
    const rule: ReceptionRule = { kind: 'day_of_month', day: 31, onNonWorkingDay: 'next' };
    const r = receptionDates(rule, '2026-01', 12, cal).value;
    expect(r.filter((d) => d.clamped).map((d) => d.nominal)).toEqual([
      '2026-02-28', '2026-04-30', '2026-06-30', '2026-09-30', '2026-11-30',
    ]);
    expect(r[1]).toMatchObject({ date: '2026-02-28', moved: false, workingDay: true });
    // Saturday 01-31 moves to Monday 02-02: still January's reception.
    expect(r[0]).toMatchObject({ month: '2026-01', nominal: '2026-01-31', date: '2026-02-02', moved: true });
    expect(nominalReceptionDay(rule, 2028, 2)).toEqual({ date: '2028-02-29', clamped: true });
  });

  it('rule R1: a 5th Tuesday falls back to the last Tuesday of the month', () => {
    const rule: ReceptionRule = { kind: 'nth_weekday', n: 5, weekday: 2, onNonWorkingDay: 'keep' };
    const r = receptionDates(rule, '2026-01', 4, cal).value;
    expect(r.map((d) => [d.date, d.clamped])).toEqual([
      ['2026-01-27', true], ['2026-02-24', true], ['2026-03-31', false], ['2026-04-28', true],
    ]);
    expect(describeReceptionRule(rule)).toBe('每月第五个星期二（当月没有第五个时取最后一个），遇节假日照常举行');
  });

  it('rule R1: the city rule, the 5th moved past holidays: Qingming 04-05 goes to 04-07', () => {
    const rule: ReceptionRule = { kind: 'day_of_month', day: 5, onNonWorkingDay: 'next' };
    expect(datesOf(rule)).toEqual([
      '2026-01-05', '2026-02-05', '2026-03-05', '2026-04-07', '2026-05-06', '2026-06-05',
      '2026-07-06', '2026-08-05', '2026-09-07', '2026-10-08', '2026-11-05', '2026-12-07',
    ]);
    expect(describeReceptionRule(rule)).toBe('每月5日，遇节假日顺延至下一个工作日');
  });

  it('rule R1: the last Friday; Mid-autumn 09-25 moves to Monday 09-28', () => {
    const rule: ReceptionRule = { kind: 'nth_weekday', n: -1, weekday: 5, onNonWorkingDay: 'next' };
    expect(datesOf(rule, '2026-08', 3)).toEqual(['2026-08-28', '2026-09-28', '2026-10-30']);
    expect(describeReceptionRule({ ...rule, onNonWorkingDay: 'previous' })).toBe(
      '每月最后一个星期五，遇节假日提前至前一个工作日',
    );
  });
});

describe('rule R1: warnings and bad input', () => {
  it('rule R1: dates in 2031, a year without holiday data, carry the warning', () => {
    expect(receptionDates(DEFAULT_RECEPTION_RULE, '2030-12', 2, cal).assumedYears).toEqual([2030, 2031]);
    const fixed = createWorkingCalendar([{ date: '2031-01-01', kind: 'holiday', name: '元旦' }]);
    expect(receptionDates(DEFAULT_RECEPTION_RULE, '2031-01', 12, fixed).assumedYears).toEqual([]);
  });

  it('crosses the year end and refuses impossible rules and months', () => {
    expect(datesOf(DEFAULT_RECEPTION_RULE, '2026-11', 3)).toEqual(['2026-11-03', '2026-12-01', '2027-01-05']);
    expect(() => datesOf({ kind: 'day_of_month', day: 32, onNonWorkingDay: 'next' })).toThrow(RangeError);
    expect(() => datesOf({ kind: 'nth_weekday', n: 1, weekday: 0, onNonWorkingDay: 'next' })).toThrow(RangeError);
    expect(() => datesOf(DEFAULT_RECEPTION_RULE, '2026-13')).toThrow(RangeError);
    expect(datesOf(DEFAULT_RECEPTION_RULE, '2026-01', 0)).toEqual([]);
  });
});
