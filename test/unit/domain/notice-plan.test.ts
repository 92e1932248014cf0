// Rule A4 notice plans (and the A5 summary) against chinese-days 1.5.7's 2026 data: National Day
// 10-01..10-07 is off, 2026-02-14 (Sat) is a make-up working day, 02-15..02-23 is Spring Festival.
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../src/domain/calendar/working-days.ts';
import {
  committeeReportDay,
  deadlineStanding,
  describeLateRule,
  noticeShowsChange,
  planNotices,
  replyByDay,
  resolveUnitNoticePolicy,
  type NoticePlan,
} from '../../../src/domain/notice-plan.ts';

const cal = createWorkingCalendar();
/** A Shanghai wall time 'YYYY-MM-DDTHH:mm' as an instant. */
const sh = (wall: string) => new Date(`${wall}:00+08:00`);
const group = resolveUnitNoticePolicy('group', null);
const station = resolveUnitNoticePolicy('station', null);
const brief = (plan: NoticePlan) =>
  plan.notices.map((n) => ({ kind: n.kind, leadDays: n.leadDays, dueAt: n.dueAt.toISOString(), late: n.late }));
const activity = (start: string, end: string, unitKind = 'group') => ({ unitKind, startAt: sh(start), endAt: sh(end) });

describe('resolveUnitNoticePolicy (A4 defaults by unit kind)', () => {
  it('A4: group 3 days + committee 2 days, station 7 and 3 days, office 3 days', () => {
    expect(group).toEqual({
      leadDays: [3], sendHour: 9, sendMinute: 0, skipNonWorkingDays: true, committeeReportDays: 2, reminderDaysBefore: 1,
      sameDayReminderAt: null, staffNotice: false,
    });
    expect(station).toMatchObject({ leadDays: [7, 3], committeeReportDays: null, reminderDaysBefore: 1 });
    expect(resolveUnitNoticePolicy('office', '')).toMatchObject({ leadDays: [3], committeeReportDays: null });
    expect(resolveUnitNoticePolicy('unknown', null).leadDays).toEqual([3]);
  });

  it('A4: stored JSON overrides field by field; bad JSON or values fall back to the defaults', () => {
    expect(resolveUnitNoticePolicy('group', '{"sendHour":8,"sendMinute":30,"committeeReportDays":null}')).toMatchObject({
      sendHour: 8, sendMinute: 30, committeeReportDays: null, leadDays: [3],
    });
    expect(resolveUnitNoticePolicy('group', '{not json')).toEqual(group);
    expect(resolveUnitNoticePolicy('group', '[1,2]')).toEqual(group);
    const bad = resolveUnitNoticePolicy('station', '{"sendHour":25,"leadDays":[],"skipNonWorkingDays":"yes","reminderDaysBefore":2}');
    expect(bad).toEqual({ ...station, reminderDaysBefore: 2 });
  });
});

describe('planNotices (A4, A5)', () => {
  const thu = activity('2026-11-26T14:30', '2026-11-26T17:00');

  it('A4/A5: group activity published 2 weeks ahead → notice 3 days before at 09:00, committee, reminder, summary', () => {
    const plan = planNotices(thu, group, cal, sh('2026-11-12T10:00'));
    expect(brief(plan)).toEqual([
      { kind: 'notice', leadDays: 3, dueAt: sh('2026-11-23T09:00').toISOString(), late: false },
      { kind: 'committee', leadDays: 2, dueAt: sh('2026-11-24T09:00').toISOString(), late: false },
      { kind: 'reminder', leadDays: undefined, dueAt: sh('2026-11-25T09:00').toISOString(), late: false },
      { kind: 'summary', leadDays: undefined, dueAt: sh('2026-11-26T17:00').toISOString(), late: false },
    ]);
    expect(plan.lateRule).toBeUndefined();
    expect(plan.assumedYears).toEqual([]);
  });

  it('A4: station (deputies\' home) → notices 7 and 3 days before, no committee report', () => {
    const plan = planNotices(activity('2026-11-27T09:30', '2026-11-27T11:30', 'station'), station, cal, sh('2026-11-01T10:00'));
    expect(brief(plan).map((n) => [n.kind, n.leadDays, n.dueAt])).toEqual([
      ['notice', 7, sh('2026-11-20T09:00').toISOString()],
      ['notice', 3, sh('2026-11-24T09:00').toISOString()],
      ['reminder', undefined, sh('2026-11-26T09:00').toISOString()],
      ['summary', undefined, sh('2026-11-27T11:30').toISOString()],
    ]);
  });

  it('A4: a notice day on a weekend moves EARLIER to the previous working day (Sat 11-21 → Fri 11-20)', () => {
    const plan = planNotices(activity('2026-11-24T14:30', '2026-11-24T16:00'), group, cal, sh('2026-11-01T10:00'));
    expect(plan.notices[0]).toMatchObject({ kind: 'notice', dueAt: sh('2026-11-20T09:00') });
    // The reminder is a courtesy the day before and is not moved.
    expect(plan.notices.find((n) => n.kind === 'reminder')?.dueAt).toEqual(sh('2026-11-23T09:00'));
  });

  it('A4: National Day — 7- and 3-day notice days (10-02, 10-06) both move to 09-30: one card, the smaller lead', () => {
    const plan = planNotices(activity('2026-10-09T14:30', '2026-10-09T16:00', 'station'), station, cal, sh('2026-09-20T10:00'));
    expect(brief(plan).map((n) => [n.kind, n.leadDays, n.dueAt])).toEqual([
      ['notice', 3, sh('2026-09-30T09:00').toISOString()],
      ['reminder', undefined, sh('2026-10-08T09:00').toISOString()],
      ['summary', undefined, sh('2026-10-09T16:00').toISOString()],
    ]);
    // The group's committee report (10-07, a holiday) moves to 09-30 as well.
    const g = planNotices(activity('2026-10-09T14:30', '2026-10-09T16:00'), group, cal, sh('2026-09-20T10:00'));
    expect(g.notices.find((n) => n.kind === 'committee')?.dueAt).toEqual(sh('2026-09-30T09:00'));
  });

  it('A4: a make-up Saturday is a working day — the notice stays on 2026-02-14', () => {
    const plan = planNotices(activity('2026-02-17T10:00', '2026-02-17T12:00'), group, cal, sh('2026-02-01T10:00'));
    expect(brief(plan).map((n) => [n.kind, n.dueAt])).toEqual([
      // Two working days before 02-17 (02-15, 02-16 are Spring Festival): 02-14 (make-up Sat), then 02-13.
      ['committee', sh('2026-02-13T09:00').toISOString()],
      ['notice', sh('2026-02-14T09:00').toISOString()],
      ['reminder', sh('2026-02-16T09:00').toISOString()],
      ['summary', sh('2026-02-17T12:00').toISOString()],
    ]);
  });

  it('A4: published 2 days ahead → one immediate late notice, late committee report, lateRule 3 days', () => {
    const now = sh('2026-11-24T10:00');
    const plan = planNotices(thu, group, cal, now);
    expect(brief(plan).map((n) => [n.kind, n.dueAt, n.late])).toEqual([
      ['notice', now.toISOString(), true],
      ['committee', now.toISOString(), true],
      ['reminder', sh('2026-11-25T09:00').toISOString(), false],
      ['summary', sh('2026-11-26T17:00').toISOString(), false],
    ]);
    expect(plan.lateRule).toEqual({ requiredDays: 3, requiredBy: sh('2026-11-23T09:00') });
    expect(describeLateRule(plan.lateRule!)).toBe('按规定应至少提前 3 天通知（11月23日前），现在已晚于此时间，通知已立即发出。');
  });

  it('A4: station published late for both lead times → ONE immediate notice; lateRule names 7 days', () => {
    const now = sh('2026-11-25T10:00');
    const plan = planNotices(activity('2026-11-27T09:30', '2026-11-27T11:30', 'station'), station, cal, now);
    expect(plan.notices.filter((n) => n.kind === 'notice')).toEqual([{ kind: 'notice', leadDays: 3, dueAt: now, late: true }]);
    expect(plan.lateRule).toEqual({ requiredDays: 7, requiredBy: sh('2026-11-20T09:00') });
    // Missing only the 7-day notice: it goes now and the 3-day one still goes on time.
    const partly = planNotices(activity('2026-11-27T09:30', '2026-11-27T11:30', 'station'), station, cal, sh('2026-11-22T10:00'));
    expect(brief(partly).filter((n) => n.kind === 'notice').map((n) => [n.leadDays, n.late])).toEqual([[7, true], [3, false]]);
  });

  it('A4: published after the start → nothing planned', () => {
    expect(planNotices(thu, group, cal, sh('2026-11-26T14:31'))).toEqual({ notices: [], assumedYears: [] });
    expect(planNotices(thu, group, cal, sh('2026-11-26T14:30')).notices).toEqual([]);
  });

  it('A4: policy overrides — 08:30, no moving off days off, 5 days ahead', () => {
    const policy = resolveUnitNoticePolicy('group', '{"sendHour":8,"sendMinute":30,"skipNonWorkingDays":false,"leadDays":[5]}');
    const plan = planNotices(thu, policy, cal, sh('2026-11-12T10:00'));
    expect(brief(plan).map((n) => [n.kind, n.leadDays, n.dueAt])).toEqual([
      ['notice', 5, sh('2026-11-21T08:30').toISOString()], // a Saturday, kept
      ['committee', 2, sh('2026-11-24T08:30').toISOString()],
      ['reminder', undefined, sh('2026-11-25T08:30').toISOString()],
      ['summary', undefined, sh('2026-11-26T17:00').toISOString()],
    ]);
  });

  it('A4: the reminder is dropped when it would not come after the last notice', () => {
    const policy = { ...group, leadDays: [1], committeeReportDays: null };
    expect(planNotices(thu, policy, cal, sh('2026-11-12T10:00')).notices.map((n) => n.kind)).toEqual(['notice', 'summary']);
  });

  it('A4: an edit that moves the date gives the new plan', () => {
    const now = sh('2026-11-12T10:00');
    const before = planNotices(thu, group, cal, now);
    const after = planNotices(activity('2026-12-03T14:30', '2026-12-03T17:00'), group, cal, now);
    expect(before.notices[0]?.dueAt).toEqual(sh('2026-11-23T09:00'));
    expect(brief(after).map((n) => [n.kind, n.dueAt])).toEqual([
      ['notice', sh('2026-11-30T09:00').toISOString()],
      ['committee', sh('2026-12-01T09:00').toISOString()],
      ['reminder', sh('2026-12-02T09:00').toISOString()],
      ['summary', sh('2026-12-03T17:00').toISOString()],
    ]);
  });

  it('A4: a year without holiday data is reported in assumedYears', () => {
    const plan = planNotices(activity('2027-03-10T14:30', '2027-03-10T16:00'), group, cal, sh('2027-02-20T10:00'));
    expect(plan.assumedYears).toEqual([2027]);
    expect(plan.notices[0]?.dueAt).toEqual(sh('2027-03-05T09:00')); // Sun 03-07 → Fri 03-05
  });
});

describe('rule R2: reception days', () => {
  it('R2: a card to the duty deputies 3 days before (moved off the weekend), staff told with it, a reminder at 08:30 on the day', async () => {
    const { RECEPTION_NOTICE_POLICY } = await import('../../../src/domain/notice-plan.ts');
    const start = new Date('2026-12-01T01:00:00Z'); // Tue 09:00
    const plan = planNotices({ unitKind: 'station', startAt: start, endAt: new Date('2026-12-01T03:30:00Z') }, RECEPTION_NOTICE_POLICY, createWorkingCalendar(), new Date('2026-11-20T02:00:00Z'));
    expect(plan.notices.map((n) => [n.kind, n.dueAt.toISOString()])).toEqual([
      ['notice', '2026-11-27T01:00:00.000Z'], // Sat 11-28 is off: Friday 09:00
      ['staff', '2026-11-27T01:00:00.000Z'],
      ['dayof', '2026-12-01T00:30:00.000Z'],
      ['summary', '2026-12-01T03:30:00.000Z'],
    ]);
  });
});


describe('rule A4: the committee report day and deadlines that are never in the past', () => {
  it('A4: committeeReportDays counts working days before the activity day (Mon 12-07, 3 days → Wed 12-02)', () => {
    const three = resolveUnitNoticePolicy('group', '{"committeeReportDays":3}');
    expect(committeeReportDay(sh('2026-12-07T14:30'), three, cal)?.value).toBe('2026-12-02');
    // The default of 2: Thursday before a Monday (the weekend does not count).
    expect(committeeReportDay(sh('2026-11-30T22:00'), group, cal)?.value).toBe('2026-11-26');
    expect(committeeReportDay(sh('2026-11-30T22:00'), station, cal)).toBeUndefined();
    const plan = planNotices(activity('2026-12-07T14:30', '2026-12-07T16:00'), three, cal, sh('2026-11-20T10:00'));
    expect(plan.notices.find((n) => n.kind === 'committee')).toEqual({ kind: 'committee', leadDays: 3, dueAt: sh('2026-12-02T09:00'), late: false });
  });

  it('A4: published at 21:36 for 22:00 the same day → the notice and the committee reminder go now', () => {
    const now = sh('2026-11-30T21:36');
    const plan = planNotices(activity('2026-11-30T22:00', '2026-11-30T23:00'), group, cal, now);
    expect(brief(plan).filter((n) => n.kind !== 'summary').map((n) => [n.kind, n.dueAt, n.late])).toEqual([
      ['notice', now.toISOString(), true],
      ['committee', now.toISOString(), true],
    ]);
  });

  it('the reply-by day is the day before the start; a day already passed is "passed", today is "today"', () => {
    expect(replyByDay(sh('2026-11-30T22:00'))).toBe('2026-11-29');
    expect(deadlineStanding('2026-11-29', sh('2026-11-30T21:36'))).toBe('passed');
    expect(deadlineStanding('2026-11-30', sh('2026-11-30T21:36'))).toBe('today');
    expect(deadlineStanding('2026-12-01', sh('2026-11-30T23:59'))).toBe('ahead');
    // Shanghai's date, not UTC's: 16:30 UTC on 11-30 is already 00:30 on 12-01 in Shanghai.
    expect(deadlineStanding('2026-11-30', new Date('2026-11-30T16:30:00Z'))).toBe('passed');
  });

  it('A4: after an edit a sent message goes again only when a field it shows changed', () => {
    const place = new Set(['place'] as const);
    expect(noticeShowsChange('committee', place)).toBe(false);
    expect(noticeShowsChange('committee', new Set(['startAt'] as const))).toBe(true);
    expect(noticeShowsChange('notice', place)).toBe(true);
    expect(noticeShowsChange('reminder', new Set(['content'] as const))).toBe(false);
    expect(noticeShowsChange('summary', new Set(['title', 'startAt', 'endAt', 'place', 'content'] as const))).toBe(false);
  });
});
