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
  homeShortfalls,
  largeGroupShortfalls,
  participationPercent,
} from '../../../src/domain/quarterly-duties.ts';
import { shanghaiInstant } from '../../../src/domain/shanghai-time.ts';
import { DEFAULT_POLICY } from '../../../src/domain/policy.ts';

const P = DEFAULT_POLICY;

const at = (month: number, day: number, hour = 10, year = 2026) => shanghaiInstant({ year, month, day }, hour, 0);
const act = (kind: string, month: number, day: number, status = 'scheduled') => ({ kind, startAt: at(month, day, 9), status });

describe('quarterly duties by the calendar (rules A2, A3, A5)', () => {
  it('rule A2: the 10th of a quarter\'s last month is the no-activity-yet reminder, from 09:00 Shanghai', () => {
    expect(quarterlyDuty(at(12, 10), P)?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(at(3, 10), P)?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(shanghaiInstant({ year: 2026, month: 12, day: 10 }, 8, 59), P)).toBeUndefined();
    expect(quarterlyDuty(shanghaiInstant({ year: 2026, month: 12, day: 10 }, 9, 0), P)?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(shanghaiInstant({ year: 2026, month: 12, day: 10 }, 23, 59), P)?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(at(11, 10), P)).toBeUndefined(); // not a quarter's last month
    expect(quarterlyDuty(at(12, 11), P)).toBeUndefined();
  });

  it('rule A5: the 15th is no quarterly duty any more (the quarterly form chases the unconfirmed)', () => {
    expect(quarterlyDuty(at(6, 15), P)).toBeUndefined();
    expect(quarterlyDuty(at(9, 15), P)).toBeUndefined();
  });

  it('rules A2, A3: the quarter\'s last day is the minimums list (Mar 31, Jun 30, Sep 30, Dec 31)', () => {
    for (const [month, day] of [[3, 31], [6, 30], [9, 30], [12, 31]] as const) expect(quarterlyDuty(at(month, day), P)?.kind).toBe('minimums');
    expect(quarterlyDuty(at(6, 29), P)).toBeUndefined();
    // 01:30 UTC on Dec 31 is 09:30 in Shanghai; 23:00 UTC on Dec 30 is already Dec 31 07:00 there.
    expect(quarterlyDuty(new Date('2026-12-31T01:30:00Z'), P)?.kind).toBe('minimums');
    expect(quarterlyDuty(new Date('2026-12-30T23:00:00Z'), P)).toBeUndefined();
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
    expect(groupShortfalls(fullYear, dec31, P)).toEqual([]);
    const noQ4 = fullYear.filter((a) => a.kind !== 'visit');
    expect(groupShortfalls(noQ4, dec31, P)).toEqual([{ rule: 'A2', code: 'group_quarter', have: 0, need: 1 }]);
  });

  it('cancelled activities and ones not yet started do not count', () => {
    expect(groupShortfalls([act('study', 12, 1, 'cancelled')], at(12, 10), P).map((s) => s.code)).toContain('group_quarter');
    expect(groupShortfalls([act('study', 12, 20)], at(12, 10), P).map((s) => s.code)).toContain('group_quarter');
    expect(groupShortfalls([act('study', 12, 1)], at(12, 10), P).map((s) => s.code)).not.toContain('group_quarter');
  });

  it('the yearly counts (two inspections or research trips, one study) are checked at Q4 only', () => {
    const onlyQ3 = [act('visit', 8, 8)];
    expect(groupShortfalls(onlyQ3, at(9, 30), P)).toEqual([]);
    const short = groupShortfalls([act('inspection', 10, 10), act('research', 2, 2, 'cancelled')], dec31, P);
    expect(short).toEqual([
      { rule: 'A2', code: 'group_inspections_year', have: 1, need: 2 },
      { rule: 'A2', code: 'group_study_year', have: 0, need: 1 },
    ]);
    // last year's activities do not count for this year
    expect(groupShortfalls([{ kind: 'study', startAt: at(12, 1, 9, 2025), status: 'scheduled' }, act('inspection', 10, 1), act('research', 10, 2)], dec31, P))
      .toEqual([{ rule: 'A2', code: 'group_study_year', have: 0, need: 1 }]);
  });
});

describe('rule A3: station minimums', () => {
  it('one activity each month of the quarter; the months without one are listed', () => {
    expect(stationShortfalls([act('reception', 4, 7), act('reception', 5, 5), act('reception', 6, 2)], at(6, 30), P)).toEqual([]);
    expect(stationShortfalls([act('reception', 4, 7), act('reception', 6, 2, 'cancelled')], at(6, 30), P)).toEqual([
      { rule: 'A3', code: 'station_month', have: 0, need: 1, month: 5 },
      { rule: 'A3', code: 'station_month', have: 0, need: 1, month: 6 },
    ]);
  });

  it('at least ten a year, checked at Q4 only; cancelled ones do not count', () => {
    const nine = [1, 2, 3, 4, 5, 6, 10, 11, 12].map((m) => act('reception', m, 3));
    expect(stationShortfalls(nine, at(12, 31), P)).toEqual([{ rule: 'A3', code: 'station_year', have: 9, need: 10 }]);
    expect(stationShortfalls([...nine, act('visit', 7, 7)], at(12, 31), P)).toEqual([]);
    expect(stationShortfalls([...nine, act('visit', 7, 7, 'cancelled')], at(12, 31), P).map((s) => s.code)).toEqual(['station_year']);
    expect(stationShortfalls(nine.slice(0, 6), at(6, 30), P)).toEqual([]);
  });
});

describe('how long a missed quarterly duty may be caught up (rules A2, A3, A5)', () => {
  it('rule A2 until the quarter ends, the minimums list for a week', () => {
    const windows = quarterDutyWindows(quarterOf(at(12, 1)), P);
    expect(windows.map((w) => [w.kind, w.dueAt.toISOString(), w.expiresAt.toISOString()])).toEqual([
      ['no_activity_yet', '2026-12-10T01:00:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['minimums', '2026-12-31T01:00:00.000Z', '2027-01-07T01:00:00.000Z'],
    ]);
    expect(quarterDutyWindows(quarterOf(at(5, 1)), P)[1]!.dueAt).toEqual(shanghaiInstant({ year: 2026, month: 6, day: 30 }, 9, 0));
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

describe('every number and day is the organisation\'s (rules A2, A3, A5)', () => {
  const township = { ...P, quarterNoActivityDay: 5, quarterFormReminderDay: 12, quarterFormDueDay: 18, reminderTime: '08:30', groupActivitiesPerQuarter: 2, stationActivitiesPerYear: 12 };

  it('rule A2: the policy\'s days and time decide the reminders', () => {
    expect(quarterlyDuty(shanghaiInstant({ year: 2026, month: 12, day: 5 }, 8, 30), township)?.kind).toBe('no_activity_yet');
    expect(quarterlyDuty(at(12, 10), township)).toBeUndefined();
    expect(quarterlyDuty(at(12, 12), township)).toBeUndefined(); // the form is the registers' own schedule
    const windows = quarterDutyWindows(quarterOf(at(12, 1)), township);
    expect(windows.map((w) => [w.kind, w.dueAt.toISOString(), w.expiresAt.toISOString()])).toEqual([
      ['no_activity_yet', '2026-12-05T00:30:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['minimums', '2026-12-31T00:30:00.000Z', '2027-01-07T00:30:00.000Z'],
    ]);
  });

  it('rules A2, A3: the minimums are the policy\'s', () => {
    expect(groupShortfalls([act('study', 11, 3)], at(12, 31), township)).toContainEqual({ rule: 'A2', code: 'group_quarter', have: 1, need: 2 });
    const ten = [1, 2, 3, 4, 5, 6, 7, 10, 11, 12].map((m) => act('reception', m, 3));
    expect(stationShortfalls(ten, at(12, 31), township)).toEqual([{ rule: 'A3', code: 'station_year', have: 10, need: 12 }]);
  });
});

describe('rule A2: larger groups (大组) every half year', () => {
  it('one activity of its own each half year, checked at the end of June and December', () => {
    expect(largeGroupShortfalls([act('study', 3, 3)], at(6, 30), P)).toEqual([]);
    expect(largeGroupShortfalls([act('study', 3, 3)], at(12, 31), P)).toEqual([{ rule: 'A2', code: 'large_group_half_year', have: 0, need: 1 }]);
    expect(largeGroupShortfalls([], at(9, 30), P)).toEqual([]); // not a half year's end
    expect(largeGroupShortfalls([act('research', 8, 8)], at(12, 31), P)).toEqual([]);
  });
});

describe('rule A3: a deputies\' home (代表之家) has its own minimums', () => {
  const full = { invited: 20, present: 19 };

  it('one to two a quarter: none is a shortfall, three is not one', () => {
    expect(homeShortfalls([act('study', 11, 3)], at(12, 31), { ...P, homeActivitiesPerYear: 0 }, full)).toEqual([]);
    expect(homeShortfalls([], at(9, 30), P, { invited: 0, present: 0 })).toEqual([{ rule: 'A3', code: 'home_quarter', have: 0, need: 1 }]);
    expect(homeShortfalls([act('study', 7, 1), act('visit', 8, 1), act('study', 9, 1)], at(9, 30), P, full)).toEqual([]);
  });

  it('at least six a year at the last quarter (a station would need ten)', () => {
    const six = [1, 3, 5, 7, 10, 11].map((m) => act('study', m, 3));
    expect(homeShortfalls(six, at(12, 31), P, full)).toEqual([]);
    expect(homeShortfalls(six.slice(1), at(12, 31), P, full)).toEqual([{ rule: 'A3', code: 'home_year', have: 5, need: 6 }]);
    expect(stationShortfalls(six, at(12, 31), P).map((s) => s.code)).toContain('station_year');
  });

  it('participation of at least 90 % of those invited', () => {
    expect(participationPercent({ invited: 20, present: 17 })).toBe(85);
    expect(homeShortfalls([act('study', 11, 3)], at(12, 31), { ...P, homeActivitiesPerYear: 0 }, { invited: 20, present: 17 })).toEqual([
      { rule: 'A3', code: 'home_participation', have: 85, need: 90 },
    ]);
    expect(participationPercent({ invited: 0, present: 0 })).toBeUndefined();
  });
});
