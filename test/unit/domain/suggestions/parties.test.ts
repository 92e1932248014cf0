// Who someone is towards a suggestion (rules U4, S1), numbers as people type them, the annual
// targets (S6) and the motion's signers (S5). Pure.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import { deputyStanding, groupStanding, inReminderSeason } from '../../../../src/domain/suggestions/annual-targets.ts';
import { signersStillNeeded } from '../../../../src/domain/suggestions/motions.ts';
import { parseRecordNumber, splitNumber } from '../../../../src/domain/suggestions/numbers.ts';
import { handlesDepartment, suggestionRoles } from '../../../../src/domain/suggestions/roles.ts';

const office = { id: 1, levels: [], isStaff: true, workUnit: null, memberships: [{ role: 'staff', unit: { id: 9, kind: 'office', name: '人大常委会办公室' } }] };
const handler = { id: 2, levels: [], isStaff: true, workUnit: '县住建局', memberships: [] };
const deputyAtBureau = { id: 3, levels: ['县区'], isStaff: false, workUnit: '县住建局', memberships: [] };
const parties = { personId: 3, departments: [{ name: '县住建局', role: 'lead' as const }, { name: '县交通运输局', role: 'co' as const }] };

describe('roles towards a suggestion (rules U4, S1)', () => {
  it('rule S1: office staff, the lead department\'s handler and the deputy who raised it', () => {
    expect([...suggestionRoles(office, parties)]).toEqual(['office']);
    expect([...suggestionRoles(handler, parties)]).toEqual(['lead_handler']);
    expect([...suggestionRoles({ ...handler, workUnit: '县交通运输局' }, parties)]).toEqual(['co_handler']);
    expect([...suggestionRoles(deputyAtBureau, parties)]).toEqual(['submitter']);
  });

  it('rule S1: only a 工作人员 handles a department: a deputy who works there does not', () => {
    expect(handlesDepartment(handler, '县住建局')).toBe(true);
    expect(handlesDepartment(deputyAtBureau, '县住建局')).toBe(false);
    expect(handlesDepartment({ isStaff: true, workUnit: null }, '县住建局')).toBe(false);
  });
});

describe('registration numbers', () => {
  it('reads the loose forms people type, and nothing else', () => {
    expect(parseRecordNumber('2026-建-0007')).toBe('2026-建-0007');
    expect(parseRecordNumber('２０２６－建－７')).toBe('2026-建-0007');
    expect(parseRecordNumber('2026建7')).toBe('2026-建-0007');
    expect(parseRecordNumber('2026-议-12')).toBe('2026-议-0012');
    expect(parseRecordNumber('2026-建-0')).toBeUndefined();
    expect(parseRecordNumber('建-0007')).toBeUndefined();
    expect(splitNumber('2026-建-0007 县住建局 协办 县财政局')).toEqual({ number: '2026-建-0007', rest: '县住建局 协办 县财政局' });
    expect(splitNumber('县住建局')).toEqual({ rest: '县住建局' });
  });
});

describe('annual targets (rule S6) and co-signers (rule S5)', () => {
  it('rule S6: one a year per deputy and per group by default; reminders from October', () => {
    expect(deputyStanding(0, DEFAULT_POLICY)).toEqual({ count: 0, target: 1, met: false });
    expect(groupStanding(2, { ...DEFAULT_POLICY, suggestionsPerGroupYear: 3 })).toEqual({ count: 2, target: 3, met: false });
    expect(inReminderSeason({ year: 2026, month: 9, day: 30 }, DEFAULT_POLICY)).toBe(false);
    expect(inReminderSeason({ year: 2026, month: 10, day: 1 }, DEFAULT_POLICY)).toBe(true);
  });

  it('rule S5: five deputies sign a motion, its starter included', () => {
    expect(signersStillNeeded(1, DEFAULT_POLICY)).toBe(4);
    expect(signersStillNeeded(5, DEFAULT_POLICY)).toBe(0);
    expect(signersStillNeeded(6, DEFAULT_POLICY)).toBe(0);
    expect(signersStillNeeded(3, { ...DEFAULT_POLICY, motionMinSigners: 10 })).toBe(7);
  });
});
