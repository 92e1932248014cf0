import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import { recordRuns } from '../../../../src/services/records/records-schedule.ts';

const rows = (now: string, policy = DEFAULT_POLICY) =>
  recordRuns(1, policy, new Date(now)).map((r) => `${r.job} ${r.period} ${r.dueAt.toISOString()} ${r.expiresAt.toISOString()}`);

describe('the records\' planned rows (rules P2, P3, E1)', () => {
  it('rules P3, E1, P2: on 23 November: this and next month\'s diary reminders, the report reminders, next January\'s summaries', () => {
    expect(rows('2026-11-23T02:00:00Z')).toEqual([
      'records:diary 2026-11 2026-11-25T01:00:00.000Z 2026-11-30T16:00:00.000Z',
      'records:diary 2026-12 2026-12-25T01:00:00.000Z 2026-12-31T16:00:00.000Z',
      'records:report-remind:14 2026 2026-12-17T01:00:00.000Z 2026-12-31T16:00:00.000Z',
      'records:report-remind:3 2026 2026-12-28T01:00:00.000Z 2026-12-31T16:00:00.000Z',
      'records:year-summary 2026 2027-01-05T01:00:00.000Z 2027-02-04T01:00:00.000Z',
    ]);
  });

  it('a day already more than a day past when first planned (a fresh install) is left out; early January still summarises last year', () => {
    expect(rows('2027-01-05T03:00:00Z')).toContain('records:year-summary 2026 2027-01-05T01:00:00.000Z 2027-02-04T01:00:00.000Z');
    expect(rows('2026-11-27T02:00:00Z').some((r) => r.startsWith('records:diary 2026-11'))).toBe(false);
  });

  it('the days and times are the policy\'s', () => {
    const township = { ...DEFAULT_POLICY, diaryReminderDay: 20, reminderTime: '08:30', annualReportDue: '12-15', annualReportRemindDays: [5] };
    expect(rows('2026-11-01T02:00:00Z', township)).toEqual([
      'records:diary 2026-11 2026-11-20T00:30:00.000Z 2026-11-30T16:00:00.000Z',
      'records:diary 2026-12 2026-12-20T00:30:00.000Z 2026-12-31T16:00:00.000Z',
      'records:report-remind:5 2026 2026-12-10T00:30:00.000Z 2026-12-15T16:00:00.000Z',
      'records:year-summary 2026 2027-01-05T00:30:00.000Z 2027-02-04T00:30:00.000Z',
    ]);
  });
});
