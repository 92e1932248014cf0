// The 2026 expectations below were read off chinese-days 1.5.7's own data (dist/chinese-days.json;
// its source cites https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm), not recalled:
// Spring Festival off 02-15…02-23 with make-up Saturdays 02-14 and 02-28; National Day off
// 10-01…10-07 with make-up days 09-20 (Sun) and 10-10 (Sat); Mid-autumn off 09-25…09-27.
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  readHolidayData,
  type IsoDate,
  type WorkingCalendar,
} from '../../../../src/domain/calendar/working-days.ts';

const cal = createWorkingCalendar();

function workingDays(c: WorkingCalendar, dates: IsoDate[]): boolean[] {
  return dates.map((d) => c.isWorkingDay(d).value);
}

describe('covered years', () => {
  it('are derived from the package data: 2004–2026 in chinese-days 1.5.7', () => {
    expect(cal.coveredYears).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(cal.isAssumedYear(2026)).toBe(false);
    expect(cal.isAssumedYear(2031)).toBe(true);
  });

  it("do not include a year that only holds a neighbour's New Year break", () => {
    const data = readHolidayData({ holidays: { '2030-12-30': "New Year's Day,元旦,1", '2030-12-31': 'x,元旦,1' }, workdays: {} });
    expect([...data.coveredYears]).toEqual([]);
    expect(data.holidays.get('2030-12-31')).toBe('元旦');
  });

  it('fall back to none when the data has another shape, so every year warns', () => {
    const valid = { '2026-10-01': 'National Day,国庆节,3' };
    const shapes = [
      null,
      'x',
      { holidays: valid },
      { holidays: valid, workdays: { '2026-10-10': 3 } },
      { holidays: { 'Oct 1': 'x' }, workdays: {} },
    ];
    for (const raw of shapes) {
      const c = createWorkingCalendar([], readHolidayData(raw));
      expect(c.coveredYears).toEqual([]);
      expect(c.isWorkingDay('2026-10-01')).toEqual({ value: true, assumedYears: [2026] });
    }
  });
});

describe('2026 holidays and make-up workdays (调休)', () => {
  it('Spring Festival: 02-15…02-23 are off, the make-up Saturdays 02-14 and 02-28 are working days', () => {
    const dates = ['2026-02-13', '2026-02-14', '2026-02-15', '2026-02-18', '2026-02-23', '2026-02-24', '2026-02-28', '2026-03-01'];
    expect(workingDays(cal, dates)).toEqual([true, true, false, false, false, true, true, false]);
    expect(cal.dayInfo('2026-02-14').value).toEqual({ date: '2026-02-14', working: true, source: 'holiday-data', name: '春节' });
    expect(cal.dayInfo('2026-02-17').value).toMatchObject({ working: false, name: '春节' });
    expect(cal.dayInfo('2026-03-02')).toEqual({ value: { date: '2026-03-02', working: true, source: 'weekday' }, assumedYears: [] });
  });

  it('National Day: 10-01…10-07 are off, Sunday 09-20 and Saturday 10-10 are working days', () => {
    const dates = ['2026-09-20', '2026-09-25', '2026-09-30', '2026-10-01', '2026-10-07', '2026-10-08', '2026-10-10', '2026-10-11'];
    expect(workingDays(cal, dates)).toEqual([true, false, true, false, false, true, true, false]);
    expect(cal.dayInfo('2026-10-03').value.name).toBe('国庆节');
  });

  it('next/previous are strictly after/before; on-or-after/on-or-before keep a working day', () => {
    expect(cal.nextWorkingDay('2026-02-13').value).toBe('2026-02-14');
    expect(cal.nextWorkingDay('2026-02-14').value).toBe('2026-02-24');
    expect(cal.workingDayOnOrAfter('2026-02-18').value).toBe('2026-02-24');
    expect(cal.workingDayOnOrAfter('2026-02-24').value).toBe('2026-02-24');
    expect(cal.previousWorkingDay('2026-02-24').value).toBe('2026-02-14');
    expect(cal.workingDayOnOrBefore('2026-10-05').value).toBe('2026-09-30');
    expect(cal.workingDayOnOrBefore('2026-10-10').value).toBe('2026-10-10');
    expect(cal.nextWorkingDay('2026-09-30')).toEqual({ value: '2026-10-08', assumedYears: [] });
  });
});

describe('rule R4: deadlines in working days', () => {
  it('rule R4: 7 working days after a reception on 09-29 end on 10-14, across National Day', () => {
    // 09-30, then 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13, 10-14.
    expect(cal.addWorkingDays('2026-09-29', 7)).toEqual({ value: '2026-10-14', assumedYears: [] });
    expect(cal.addWorkingDays('2026-02-10', 7).value).toBe('2026-02-26');
    expect(cal.addWorkingDays('2026-10-14', -7).value).toBe('2026-09-29');
  });

  it('rule R4: counting is the inverse of adding; the start day never counts', () => {
    expect(cal.workingDaysBetween('2026-09-29', '2026-10-14').value).toBe(7);
    expect(cal.workingDaysBetween('2026-10-14', '2026-09-29').value).toBe(-7);
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-07').value).toBe(0);
    expect(cal.workingDaysBetween('2026-10-01', '2026-10-01').value).toBe(0);
    for (const start of ['2026-02-12', '2026-02-15', '2026-09-26', '2026-10-10']) {
      for (const n of [-9, -1, 1, 3, 12]) {
        expect(cal.workingDaysBetween(start, cal.addWorkingDays(start, n).value).value).toBe(n);
      }
    }
  });

  it('adding 0 working days returns the date itself, even on a holiday', () => {
    expect(cal.addWorkingDays('2026-10-03', 0).value).toBe('2026-10-03');
  });

  it('refuses dates that do not exist and fractional counts', () => {
    expect(() => cal.isWorkingDay('2026-02-29')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-2-3')).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-10-09', 1.5)).toThrow(RangeError);
  });
});

describe('a year without holiday data', () => {
  it('2031 is counted weekends-only and every answer that used it says so', () => {
    // The package itself would call New Year's Day 2031 (a Wednesday) a working day.
    expect(cal.isWorkingDay('2031-01-01')).toEqual({ value: true, assumedYears: [2031] });
    expect(cal.dayInfo('2031-01-04').value).toEqual({ date: '2031-01-04', working: false, source: 'weekday' });
    expect(cal.addWorkingDays('2026-12-28', 5)).toEqual({ value: '2027-01-04', assumedYears: [2027] });
    expect(cal.workingDaysBetween('2030-12-20', '2031-01-10').assumedYears).toEqual([2030, 2031]);
  });

  it('an admin entering days for the year ends the warning', () => {
    const c = createWorkingCalendar([{ date: '2031-01-01', kind: 'holiday', name: '元旦' }]);
    expect(c.isAssumedYear(2031)).toBe(false);
    expect(c.isWorkingDay('2031-01-01')).toEqual({ value: false, assumedYears: [] });
    expect(c.nextWorkingDay('2030-12-31')).toEqual({ value: '2031-01-02', assumedYears: [] });
    expect(c.previousWorkingDay('2031-01-02')).toEqual({ value: '2030-12-31', assumedYears: [2030] });
  });
});

describe('overrides', () => {
  it('win over the package in both directions, and the newest entry for a date wins', () => {
    const c = createWorkingCalendar([
      { date: '2026-10-10', kind: 'holiday' },
      { date: '2026-10-06', kind: 'holiday', name: '国庆节' },
      { date: '2026-10-06', kind: 'workday', name: '县人代会' },
      { date: '2026-03-03', kind: 'holiday', name: '县庆' },
    ]);
    expect(workingDays(c, ['2026-10-10', '2026-10-06', '2026-03-03'])).toEqual([false, true, false]);
    expect(c.dayInfo('2026-10-06').value).toEqual({ date: '2026-10-06', working: true, source: 'override', name: '县人代会' });
    expect(c.nextWorkingDay('2026-10-09').value).toBe('2026-10-12');
    expect(c.addWorkingDays('2026-09-29', 7).value).toBe('2026-10-14');
    expect(c.workingDaysBetween('2026-09-29', '2026-10-14').value).toBe(7);
  });

  it('refuse a date that does not exist', () => {
    expect(() => createWorkingCalendar([{ date: '2026-04-31', kind: 'holiday' }])).toThrow(RangeError);
  });
});
