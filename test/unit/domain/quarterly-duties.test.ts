import { describe, expect, it } from 'vitest';
import {
  dutyJudgedAt,
  groupShortfalls,
  quarterById,
  quarterDutyWindows,
  quarterLabel,
  quarterOf,
  quarterlyDuty,
  stationShortfalls,
} from '../../../src/domain/quarterly-duties.ts';
import { shanghaiInstant } from '../../../src/domain/shanghai-time.ts';

const at = (month: number, day: number, hour = 10, year = 2026) => shanghaiInstant({ year, month, day }, hour, 0);
const act = (kind: string, month: number, day: number, status = 'scheduled') => ({ kind, startAt: at(month, day, 9), status });

describe('quarterly duties by the calendar (rules A2, A3, A5)', () => {
  it('rule A2: the 10th of a quarter\'s last month is the no-activity-yet reminder, from 09:00 Shanghai', () => {
    expect(quarterlyDuty(at(12, 10))?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(at(3, 10))?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(shanghaiInstant({ year: 2026, month: 12, day: 10 }, 8, 59))).toBeUndefined();
    expect(quarterlyDuty(shanghaiInstant({ year: 2026, month: 12, day: 10 }, 9, 0))?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(shanghaiInstant({ year: 2026, month: 12, day: 10 }, 23, 59))?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(at(11, 10))).toBeUndefined(); // not a quarter's last month
    expect(quarterlyDuty(at(12, 11))).toBeUndefined();
  });

  it('rule A5: the 15th is no quarterly duty any more (the quarterly form chases the unconfirmed)', () => {
    expect(quarterlyDuty(at(6, 15))).toBeUndefined();
    expect(quarterlyDuty(at(9, 15))).toBeUndefined();
  });

  it('rules A2, A3: the quarter\'s last day is the minimums list (Mar 31, Jun 30, Sep 30, Dec 31)', () => {
    for (const [month, day] of [[3, 31], [6, 30], [9, 30], [12, 31]] as const) expect(quarterlyDuty(at(month, day))?.kind).toBe('minimums');
    expect(quarterlyDuty(at(6, 29))).toBeUndefined();
    // 01:30 UTC on Dec 31 is 09:30 in Shanghai; 23:00 UTC on Dec 30 is already Dec 31 07:00 there.
    expect(quarterlyDuty(new Date('2026-12-31T01:30:00Z'))?.kind).toBe('minimums');
    expect(quarterlyDuty(new Date('2026-12-30T23:00:00Z'))).toBeUndefined();
  });

  it('quarter ids and labels follow Shanghai time', () => {
    expect(quarterOf(at(12, 10)).id).toBe('2026Q4');
    expect(quarterLabel(quarterOf(at(12, 10)))).toBe('2026年第四季度');
    expect(quarterOf(at(1, 1, 0, 2027)).id).toBe('2027Q1');
    expect(quarterOf(new Date('2026-09-30T16:30:00Z')).id).toBe('2026Q4'); // Oct 1 00:30 Shanghai
    expect(quarterOf(at(5, 5)).months).toEqual([4, 5, 6]);
  });
});

describe('rule A2: group minimums', () => {
  const dec31 = at(12, 31);
  const fullYear = [act('inspection', 3, 3), act('research', 7, 7), act('study', 5, 5), act('visit', 11, 11)];

  it('one collective activity in the quarter is enough; none is a shortfall', () => {
    expect(groupShortfalls(fullYear, dec31)).toEqual([]);
    const noQ4 = fullYear.filter((a) => a.kind !== 'visit');
    expect(groupShortfalls(noQ4, dec31)).toEqual([{ rule: 'A2', code: 'group_quarter', have: 0, need: 1 }]);
  });

  it('cancelled activities and ones not yet started do not count', () => {
    expect(groupShortfalls([act('study', 12, 1, 'cancelled')], at(12, 10)).map((s) => s.code)).toContain('group_quarter');
    expect(groupShortfalls([act('study', 12, 20)], at(12, 10)).map((s) => s.code)).toContain('group_quarter');
    expect(groupShortfalls([act('study', 12, 1)], at(12, 10)).map((s) => s.code)).not.toContain('group_quarter');
  });

  it('the yearly counts (two inspections or research trips, one study) are checked at Q4 only', () => {
    const onlyQ3 = [act('visit', 8, 8)];
    expect(groupShortfalls(onlyQ3, at(9, 30))).toEqual([]);
    const short = groupShortfalls([act('inspection', 10, 10), act('research', 2, 2, 'cancelled')], dec31);
    expect(short).toEqual([
      { rule: 'A2', code: 'group_inspections_year', have: 1, need: 2 },
      { rule: 'A2', code: 'group_study_year', have: 0, need: 1 },
    ]);
    // last year's activities do not count for this year
    expect(groupShortfalls([{ kind: 'study', startAt: at(12, 1, 9, 2025), status: 'scheduled' }, act('inspection', 10, 1), act('research', 10, 2)], dec31))
      .toEqual([{ rule: 'A2', code: 'group_study_year', have: 0, need: 1 }]);
  });
});

describe('rule A3: station minimums', () => {
  it('one activity each month of the quarter; the months without one are listed', () => {
    expect(stationShortfalls([act('reception', 4, 7), act('reception', 5, 5), act('reception', 6, 2)], at(6, 30))).toEqual([]);
    expect(stationShortfalls([act('reception', 4, 7), act('reception', 6, 2, 'cancelled')], at(6, 30))).toEqual([
      { rule: 'A3', code: 'station_month', have: 0, need: 1, month: 5 },
      { rule: 'A3', code: 'station_month', have: 0, need: 1, month: 6 },
    ]);
  });

  it('at least ten a year, checked at Q4 only; cancelled ones do not count', () => {
    const nine = [1, 2, 3, 4, 5, 6, 10, 11, 12].map((m) => act('reception', m, 3));
    expect(stationShortfalls(nine, at(12, 31))).toEqual([{ rule: 'A3', code: 'station_year', have: 9, need: 10 }]);
    expect(stationShortfalls([...nine, act('visit', 7, 7)], at(12, 31))).toEqual([]);
    expect(stationShortfalls([...nine, act('visit', 7, 7, 'cancelled')], at(12, 31)).map((s) => s.code)).toEqual(['station_year']);
    expect(stationShortfalls(nine.slice(0, 6), at(6, 30))).toEqual([]);
  });
});

describe('how long a missed quarterly duty may be caught up (rules A2, A3, A5)', () => {
  it('rule A2 until the quarter ends, the minimums list for a week', () => {
    const windows = quarterDutyWindows(quarterOf(at(12, 1)));
    expect(windows.map((w) => [w.kind, w.dueAt.toISOString(), w.expiresAt.toISOString()])).toEqual([
      ['no_activity_yet', '2026-12-10T01:00:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['minimums', '2026-12-31T01:00:00.000Z', '2027-01-07T01:00:00.000Z'],
    ]);
    expect(quarterDutyWindows(quarterOf(at(5, 1)))[1]!.dueAt).toEqual(shanghaiInstant({ year: 2026, month: 6, day: 30 }, 9, 0));
  });

  it('a quarter is found again from its id; a late duty is judged inside its own quarter', () => {
    expect(quarterById('2026Q4')).toEqual(quarterOf(at(11, 5)));
    expect(quarterById('2027Q1')?.months).toEqual([1, 2, 3]);
    expect(quarterById('2026Q5')).toBeUndefined();
    const q4 = quarterOf(at(12, 1));
    expect(dutyJudgedAt(q4, at(12, 20))).toEqual(at(12, 20));
    expect(quarterOf(dutyJudgedAt(q4, at(1, 2, 10, 2027))).id).toBe('2026Q4');
  });
});
