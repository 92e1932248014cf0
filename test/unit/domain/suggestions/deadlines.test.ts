// Suggestion deadlines (rules S1, S3, S4) on the mainland calendar: calendar periods counted
// as the Civil Code counts them, moved off holidays, across month ends and 调休 make-up days.
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../../src/domain/calendar/working-days.ts';
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import {
  addCalendarMonths, answerDeadline, assignmentDeadline, checkExtension, daysPast, reminderDay,
} from '../../../../src/domain/suggestions/deadlines.ts';

const calendar = createWorkingCalendar();
const policy = DEFAULT_POLICY;

describe('calendar months (民法典 第二百零二条)', () => {
  it('the corresponding day, or the last day of a shorter month', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-05-31', 3)).toBe('2026-08-31');
    expect(addCalendarMonths('2026-10-31', 2)).toBe('2026-12-31');
    expect(addCalendarMonths('2026-12-15', 1)).toBe('2027-01-15');
  });
});

describe('assignment deadline (rules S1, S4)', () => {
  it('rule S4: a recess suggestion is assigned within 15 days of its registration, the first day not counted', () => {
    expect(assignmentDeadline({ origin: 'recess', registeredOn: '2026-11-02' }, policy, calendar).value).toBe('2026-11-17');
  });

  it('rule S1: a session suggestion counts from the session\'s close, not from its registration', () => {
    const basis = { origin: 'session' as const, registeredOn: '2026-03-01', sessionClosedOn: '2026-03-06' };
    expect(assignmentDeadline(basis, policy, calendar).value).toBe('2026-03-23'); // 03-21 is a Saturday
  });

  it('rule S1: a period ending in the National Day holiday ends on the first working day after it', () => {
    // 2026-09-16 + 15 days = 2026-10-01; the holiday runs to 10-07.
    expect(assignmentDeadline({ origin: 'recess', registeredOn: '2026-09-16' }, policy, calendar).value).toBe('2026-10-08');
  });

  it('rule S1: a period may end on a make-up working day (调休 Saturday)', () => {
    // 2026-02-13 + 15 days = 2026-02-28, a Saturday worked in exchange for the Spring Festival.
    expect(assignmentDeadline({ origin: 'recess', registeredOn: '2026-02-13' }, policy, calendar).value).toBe('2026-02-28');
  });

  it('the policy\'s number of days is used', () => {
    const township = { ...policy, suggestionAssignDays: 10 };
    expect(assignmentDeadline({ origin: 'recess', registeredOn: '2026-11-02' }, township, calendar).value).toBe('2026-11-12');
  });
});

describe('answer deadline (rules S1, S3)', () => {
  it('rule S1: three months from assignment, through the Spring Festival to the first working day', () => {
    // 2025-11-18 + 3 months = 2026-02-18, inside the Spring Festival (02-15 … 02-23).
    expect(answerDeadline('2025-11-18', policy, calendar).value).toBe('2026-02-24');
  });

  it('rule S1: from the last day of November, the period ends on the last day of February', () => {
    expect(answerDeadline('2025-11-30', policy, calendar).value).toBe('2026-02-28');
  });

  it('rule S1: a period ending on a Sunday moves to Monday', () => {
    expect(answerDeadline('2026-03-05', policy, calendar).value).toBe('2026-06-05'); // Friday
    expect(answerDeadline('2026-03-07', policy, calendar).value).toBe('2026-06-08'); // 06-07 is a Sunday
  });

  it('rule S3: after 不满意 the redo gets the policy\'s redo period', () => {
    expect(answerDeadline('2026-03-05', { ...policy, suggestionRedoMonths: 1 }, calendar, true).value).toBe('2026-04-07'); // 04-05/06 Qingming
  });

  it('a year without holiday data is reported as assumed', () => {
    expect(answerDeadline('2026-11-30', policy, calendar).assumedYears).toEqual([2027]);
  });
});

describe('extension (rule S1)', () => {
  const current = '2026-02-24';

  it('rule S1: one extension of at most a month is granted', () => {
    expect(checkExtension({ until: '2026-03-24', current, granted: 0 }, policy, calendar).check).toEqual({ ok: true, until: '2026-03-24' });
  });

  it('rule S1: an extension past its limit is refused, naming the limit', () => {
    expect(checkExtension({ until: '2026-03-25', current, granted: 0 }, policy, calendar).check).toEqual({ ok: false, reason: 'too_long', limit: '2026-03-24' });
  });

  it('rule S1: a second extension is refused', () => {
    expect(checkExtension({ until: '2026-03-10', current, granted: 1 }, policy, calendar).check).toEqual({ ok: false, reason: 'none_left', allowed: 1 });
  });

  it('rule S1: an extension must move the deadline later', () => {
    expect(checkExtension({ until: '2026-02-20', current, granted: 0 }, policy, calendar).check).toEqual({ ok: false, reason: 'not_later', current });
  });

  it('rule S1: a requested date on a weekend becomes the next working day, still within the limit', () => {
    expect(checkExtension({ until: '2026-03-21', current, granted: 0 }, policy, calendar).check).toEqual({ ok: true, until: '2026-03-23' });
  });
});

describe('reminders before a deadline', () => {
  it('N calendar days before, moved back off a holiday, never before the day the deadline was set', () => {
    expect(reminderDay('2026-10-08', 3, calendar, '2026-09-01').value).toBe('2026-09-30'); // 10-05 is in the National Day holiday
    expect(reminderDay('2026-12-15', 7, calendar, '2026-11-30').value).toBe('2026-12-08');
    expect(reminderDay('2026-12-03', 7, calendar, '2026-11-30').value).toBe('2026-11-30');
  });

  it('counts days past a deadline', () => {
    expect(daysPast('2026-11-28', '2026-12-01')).toBe(3);
    expect(daysPast('2026-12-01', '2026-12-01')).toBe(0);
    expect(daysPast('2027-01-01', '2026-12-31')).toBe(-1);
  });
});
