// Rule A5: the quarterly form's days from the policy (drafted on the 10th, chased on the 15th
// and the 19th, the missing ones named to the staff on the 20th), kept in order whatever is stored.
import { describe, expect, it } from 'vitest';
import { formDays, formOnTime, formStepWindows } from '../../../../src/domain/registers/activity-form.ts';
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import { quarterById } from '../../../../src/domain/quarterly-duties.ts';

describe('the quarterly activity registration form (rule A5)', () => {
  it('rule A5: drafted on the 10th, chased on the 15th and the 19th, missing ones named on the 20th, at 09:00 Shanghai', () => {
    const q = quarterById('2026Q4')!;
    expect(formStepWindows(q, DEFAULT_POLICY).map((w) => [w.step, w.dueAt.toISOString(), w.expiresAt.toISOString()])).toEqual([
      ['draft', '2026-12-10T01:00:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['chase', '2026-12-15T01:00:00.000Z', '2026-12-19T16:00:00.000Z'],
      ['last_call', '2026-12-19T01:00:00.000Z', '2026-12-19T16:00:00.000Z'],
      ['overdue', '2026-12-20T01:00:00.000Z', '2026-12-27T01:00:00.000Z'],
    ]);
  });

  it('rule A5: the days follow the policy (a county that sets the 25th and 08:30)', () => {
    const q = quarterById('2027Q1')!;
    const steps = formStepWindows(q, { ...DEFAULT_POLICY, quarterNoActivityDay: 12, quarterFormReminderDay: 18, quarterFormDueDay: 25, reminderTime: '08:30' });
    expect(steps.map((w) => [w.step, w.dueAt.toISOString()])).toEqual([
      ['draft', '2027-03-12T00:30:00.000Z'],
      ['chase', '2027-03-18T00:30:00.000Z'],
      ['last_call', '2027-03-24T00:30:00.000Z'],
      ['overdue', '2027-03-25T00:30:00.000Z'],
    ]);
  });

  it('a policy out of order is kept in order: the draft before the last day, no chase outside the window', () => {
    expect(formDays({ quarterNoActivityDay: 25, quarterFormReminderDay: 15, quarterFormDueDay: 20 })).toEqual({ draft: 19, chase: undefined, lastDay: 19, due: 20 });
    expect(formDays({ quarterNoActivityDay: 5, quarterFormReminderDay: 12, quarterFormDueDay: 15 })).toEqual({ draft: 5, chase: 12, lastDay: 14, due: 15 });
    const q = quarterById('2026Q4')!;
    expect(formStepWindows(q, { ...DEFAULT_POLICY, quarterNoActivityDay: 25, quarterFormReminderDay: 15, quarterFormDueDay: 20 }).map((w) => w.step)).toEqual(['draft', 'overdue']);
  });

  it('rule A5: on time until the due day begins in Shanghai', () => {
    const q = quarterById('2026Q4')!;
    expect(formOnTime(q, DEFAULT_POLICY, new Date('2026-12-19T15:59:59Z'))).toBe(true);
    expect(formOnTime(q, DEFAULT_POLICY, new Date('2026-12-19T16:00:00Z'))).toBe(false);
  });
});
