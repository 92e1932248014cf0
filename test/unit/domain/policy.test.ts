import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, clockTime, monthDayOf, policySchema, resolvePolicy, resolvePolicyFields } from '../../../src/domain/policy.ts';
import { POLICY_LABELS } from '../../../src/domain/policy-labels.ts';

describe('organisation policy', () => {
  it('has the seeds\' defaults when nothing is stored', () => {
    expect(resolvePolicy(null)).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.leavesPerYear).toBe(2);
    expect(DEFAULT_POLICY.supervisingBody).toBe('县人大常委会代表联络工委');
  });

  it('every number of domain.md is a setting with the seed\'s default', () => {
    expect(DEFAULT_POLICY).toMatchObject({
      receptionStart: '09:00', receptionEnd: '11:30', receptionDutiesPerDay: 2, // R1, R2
      receptionAssignWorkingDays: 7, // R4
      quarterNoActivityDay: 10, quarterFormReminderDay: 15, quarterFormDueDay: 20, // A2, A5
      groupActivitiesPerQuarter: 1, groupTripsPerYear: 2, groupStudiesPerYear: 1, largeGroupActivitiesPerHalfYear: 1, // A2
      stationActivitiesPerMonth: 1, stationActivitiesPerYear: 10, // A3
      homeActivitiesPerQuarter: 1, homeActivitiesPerQuarterMax: 2, homeActivitiesPerYear: 6, homeParticipationPercent: 90, // A3
      excellentMissedGroupActivities: 2, sessionAbsencesInRow: 2, // L3, L4
      diaryEntriesPerMonth: 5, diaryEntriesPerYear: 60, diaryReminderDay: 25, // P3
      reportQuorum: 30, reportToVotersDaysBefore: 3, // E1, E2
    });
  });

  it('every setting has a Chinese label for the office', () => {
    for (const key of Object.keys(policySchema.shape)) expect(POLICY_LABELS[key as keyof typeof POLICY_LABELS], key).toMatch(/\p{Script=Han}/u);
  });

  it('rule U4: a township names its own supervising body', () => {
    expect(resolvePolicy(JSON.stringify({ supervisingBody: '城关镇人大主席团' })).supervisingBody).toBe('城关镇人大主席团');
  });

  it('merges field by field: one bad field falls back and is reported, the rest are kept', () => {
    const { policy, rejected } = resolvePolicyFields(JSON.stringify({ leavesPerYear: 3, dialogMaxInvalid: 'many', colour: 'red' }));
    expect(policy.leavesPerYear).toBe(3);
    expect(policy.dialogMaxInvalid).toBe(DEFAULT_POLICY.dialogMaxInvalid);
    expect(rejected.map((r) => r.key).sort()).toEqual(['colour', 'dialogMaxInvalid']);
  });

  it('rule E1: a township\'s quorum of 50 is kept while its bad report date falls back to the default', () => {
    const { policy, rejected } = resolvePolicyFields(JSON.stringify({ reportQuorum: 50, annualReportDue: '02-30', receptionEnd: '12:00' }));
    expect(policy).toMatchObject({ reportQuorum: 50, annualReportDue: '12-31', receptionEnd: '12:00' });
    expect(rejected.map((r) => r.key)).toEqual(['annualReportDue']);
  });

  it('times and dates are read as hours and days', () => {
    expect(clockTime('08:30')).toEqual({ hour: 8, minute: 30 });
    expect(monthDayOf('01-05')).toEqual({ month: 1, day: 5 });
    expect(policySchema.shape.reminderTime.safeParse('24:00').success).toBe(false);
    expect(policySchema.shape.yearSummaryDate.safeParse('02-29').success).toBe(false);
  });

  it('a stored value that is not a JSON object falls back whole and says so', () => {
    expect(resolvePolicyFields('{oops').rejected).toEqual([{ key: '*', problem: 'not JSON' }]);
    expect(resolvePolicyFields('[1]').policy).toEqual(DEFAULT_POLICY);
  });
});
