import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import { judgeYear, sessionAbsencesInRow, sixOnes, type ActivityLine, type PerformanceFacts } from '../../../../src/domain/records/performance.ts';
import { mayViewRecord } from '../../../../src/domain/records/access.ts';
import { reportYear } from '../../../../src/domain/records/report-year.ts';
import { shanghaiInstant } from '../../../../src/domain/shanghai-time.ts';

const P = DEFAULT_POLICY;
let nextId = 1;
const line = (unitKind: string, kind: string, outcome: ActivityLine['outcome'], month = 9): ActivityLine => ({
  activityId: nextId++, title: `${kind}${nextId}`, kind, unitKind, startAt: shanghaiInstant({ year: 2026, month, day: 3 }, 9, 0), outcome, isSession: false, studyHeld: null,
});
const facts = (over: Partial<PerformanceFacts> = {}): PerformanceFacts => ({
  personId: 1, name: '李春梅', activities: [], receptionDuties: 0, visitorsRecorded: 0, suggestions: 0, ratings: { 满意: 0, 基本满意: 0, 不满意: 0 },
  motionsSigned: 0, accountsWritten: 0, entries: { practical: 0, visit: 0, report_back: 0, help: 0, other: 0 }, diaryEntries: 0, annualReport: false, ...over,
});
const gaps = (half: PerformanceFacts, year: PerformanceFacts) => sixOnes(half, year, P).filter((s) => !s.met).map((s) => `${s.span}:${s.code}`);

describe('rule P4: the "six ones"', () => {
  it('rule P4: nothing done yet — all six are missing, half-yearly and yearly', () => {
    expect(gaps(facts(), facts())).toEqual(['half:group_activity', 'half:survey', 'year:suggestion', 'year:practical', 'year:contact', 'year:household']);
  });

  it('rule P4: each item counts what the record holds', () => {
    const half = facts({ activities: [line('group', 'study', 'present')], diaryEntries: 1 });
    const year = facts({ suggestions: 1, entries: { practical: 1, visit: 0, report_back: 0, help: 1, other: 0 }, receptionDuties: 1 });
    expect(gaps(half, year)).toEqual([]);
  });

  it('rule P4: a group activity on leave or missed does not count; a station activity is not a group activity', () => {
    const half = facts({ activities: [line('group', 'study', 'leave'), line('group', 'study', 'absent'), line('station', 'study', 'present')], entries: { practical: 0, visit: 1, report_back: 0, help: 0, other: 0 } });
    expect(gaps(half, facts({ suggestions: 1 }))).toEqual(['half:group_activity', 'year:practical', 'year:contact', 'year:household']);
  });

  it('rule P4: a contact campaign is a reception day on duty, a reception or visit attended, or a recorded visit', () => {
    const contact = (year: PerformanceFacts) => sixOnes(facts(), year, P).find((s) => s.code === 'contact')!;
    expect(contact(facts({ receptionDuties: 1 })).met).toBe(true);
    expect(contact(facts({ activities: [line('station', 'visit', 'present')] })).met).toBe(true);
    expect(contact(facts({ activities: [line('station', 'reception', 'absent')] })).met).toBe(false);
    expect(contact(facts({ entries: { practical: 0, visit: 2, report_back: 0, help: 0, other: 0 } })).have).toBe(2);
  });

  it('rule P4: the numbers are the policy\'s (a county asking two practical things a year)', () => {
    const items = sixOnes(facts(), facts({ entries: { practical: 1, visit: 0, report_back: 0, help: 0, other: 0 } }), { ...P, sixOnesPracticalPerYear: 2 });
    expect(items.find((s) => s.code === 'practical')).toEqual({ code: 'practical', span: 'year', have: 1, need: 2, met: false });
  });
});

describe('the year\'s flags (rules L3, E1, P3)', () => {
  it('rule L3: two group activities missed — absent twice — is not eligible as 优秀代表', () => {
    const j = judgeYear(facts({ annualReport: true, diaryEntries: 60, activities: [line('group', 'study', 'absent'), line('group', 'inspection', 'absent'), line('group', 'study', 'present')] }), P);
    expect(j).toEqual({ flags: ['not_excellent'], missedGroupActivities: 2, groupAbsences: 2, groupLeaves: 0 });
  });

  it('rule L3: two leaves count as two missed group activities too', () => {
    expect(judgeYear(facts({ annualReport: true, diaryEntries: 60, activities: [line('group', 'study', 'leave'), line('group', 'study', 'leave')] }), P).flags).toEqual(['not_excellent']);
  });

  it('rule L3: one miss, or misses of station activities, keep the eligibility', () => {
    const j = judgeYear(facts({ annualReport: true, diaryEntries: 60, activities: [line('group', 'study', 'leave'), line('station', 'study', 'absent'), line('station', 'study', 'absent')] }), P);
    expect(j.flags).toEqual([]);
    expect(j.missedGroupActivities).toBe(1);
  });

  it('rule E1: no written annual report is flagged; rule P3: fewer diary entries than the year\'s minimum', () => {
    expect(judgeYear(facts({ diaryEntries: 59 }), P).flags).toEqual(['no_annual_report', 'diary_short']);
    expect(judgeYear(facts({ annualReport: true }), { ...P, diaryEntriesPerYear: 0 }).flags).toEqual([]);
  });
});

describe('rule L4: unapproved absences from congress sessions in a row', () => {
  it('rule L4: two absences in a row are reported; approved leave or presence in between breaks the run', () => {
    expect(sessionAbsencesInRow(['present', 'absent', 'absent'], P)).toBe(true);
    expect(sessionAbsencesInRow(['absent', 'leave', 'absent'], P)).toBe(false);
    expect(sessionAbsencesInRow(['absent'], P)).toBe(false);
    expect(sessionAbsencesInRow(['absent', 'absent', 'present'], P)).toBe(false);
    expect(sessionAbsencesInRow(['absent', 'absent', 'absent'], { ...P, sessionAbsencesInRow: 3 })).toBe(true);
  });
});

describe('who sees a record (rules P1, U5)', () => {
  const member = (role: string, unitId: number, kind = 'group') => ({ role, unit: { id: unitId, kind, name: `u${unitId}` } });
  it('the deputy, office staff, the leads of the deputy\'s unit and of the larger group above it', () => {
    const target = { units: [{ id: 10, parentId: 99 }] };
    expect(mayViewRecord({ id: 1, levels: ['乡镇'], isStaff: false, memberships: [] }, 1, target)).toBe(true);
    expect(mayViewRecord({ id: 2, levels: [], isStaff: true, memberships: [member('staff', 5, 'office')] }, 1, target)).toBe(true);
    expect(mayViewRecord({ id: 3, levels: ['县区'], isStaff: false, memberships: [member('recorder', 10)] }, 1, target)).toBe(true);
    expect(mayViewRecord({ id: 4, levels: ['县区'], isStaff: false, memberships: [member('leader', 99)] }, 1, target)).toBe(true);
    expect(mayViewRecord({ id: 5, levels: ['县区'], isStaff: false, memberships: [member('member', 10)] }, 1, target)).toBe(false);
    expect(mayViewRecord({ id: 6, levels: ['县区'], isStaff: false, memberships: [member('leader', 11)] }, 1, target)).toBe(false);
  });
});

describe('rule E1: which year a written report is for', () => {
  it('a report handed in early in January, before the summaries, is still last year\'s', () => {
    expect(reportYear(shanghaiInstant({ year: 2026, month: 12, day: 20 }, 10, 0), P)).toBe(2026);
    expect(reportYear(shanghaiInstant({ year: 2027, month: 1, day: 4 }, 10, 0), P)).toBe(2026);
    expect(reportYear(shanghaiInstant({ year: 2027, month: 1, day: 5 }, 10, 0), P)).toBe(2027);
  });
});
