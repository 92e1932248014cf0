// Rule A5: the quarterly form's days from the policy (draft on the 10th, chased on the 15th,
// delivered unconfirmed on the 19th, due before the 20th), kept in order whatever is stored.
import { describe, expect, it } from 'vitest';
import { formDays, formStepWindows } from '../../../../src/domain/registers/activity-form.ts';
import { DEFAULT_POLICY } from '../../../../src/domain/policy.ts';
import { quarterById } from '../../../../src/domain/quarterly-duties.ts';

describe('the quarterly activity registration form (rule A5)', () => {
  it('rule A5: drafted on the 10th, chased on the 15th, delivered unconfirmed on the 19th at 09:00 Shanghai', () => {
    const q = quarterById('2026Q4')!;
    expect(formStepWindows(q, DEFAULT_POLICY).map((w) => [w.step, w.dueAt.toISOString(), w.expiresAt.toISOString()])).toEqual([
      ['draft', '2026-12-10T01:00:00.000Z', '2026-12-19T16:00:00.000Z'],
      ['chase', '2026-12-15T01:00:00.000Z', '2026-12-19T16:00:00.000Z'],
      ['deliver_unconfirmed', '2026-12-19T01:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ]);
  });

  it('a policy out of order is kept in order: the draft before the last day, no chase outside the window', () => {
    expect(formDays({ activityFormDraftDay: 25, activityFormChaseDay: 15, activityFormDueDay: 20 })).toEqual({ draft: 19, chase: undefined, lastDay: 19, due: 20 });
    expect(formDays({ activityFormDraftDay: 5, activityFormChaseDay: 12, activityFormDueDay: 15 })).toEqual({ draft: 5, chase: 12, lastDay: 14, due: 15 });
  });
});
