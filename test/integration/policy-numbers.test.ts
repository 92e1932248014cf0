// Every number is the county's (rules R1, R2, R4): the reception day's hours and the deputies on
// duty, and the working days to assign a visitor's issue, come from the organisation's policy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncReceptionDays } from '../../src/services/reception/reception-activities.ts';
import { assignmentDeadline } from '../../src/services/register/visit-deadline.ts';
import { startFlowBot, type FlowBot } from '../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const setPolicy = (p: Record<string, unknown>) => fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: JSON.stringify(p) } });

describe('the policy\'s numbers at work', () => {
  it('rules R1, R2: a county\'s reception afternoon with three deputies on duty', async () => {
    await setPolicy({ receptionStart: '14:30', receptionEnd: '17:00', receptionDutiesPerDay: 3 });
    await syncReceptionDays(fb.t.bot.db, fb.clock.now());
    const day = await fb.t.bot.db.activity.findFirstOrThrow({ where: { kind: 'reception', unit: { name: '城关镇人大代表联络站' } }, orderBy: { startAt: 'asc' }, include: { invitees: true } });
    expect(day.startAt.toISOString()).toBe('2026-12-01T06:30:00.000Z'); // first Tuesday of December, 14:30
    expect(day.endAt.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(day.invitees).toHaveLength(3);
  });

  it('rules R1, R2: by default 09:00–11:30 and two on duty', async () => {
    await syncReceptionDays(fb.t.bot.db, fb.clock.now());
    const day = await fb.t.bot.db.activity.findFirstOrThrow({ where: { kind: 'reception', unit: { name: '城关镇人大代表联络站' } }, orderBy: { startAt: 'asc' }, include: { invitees: true } });
    expect([day.startAt.toISOString(), day.endAt.toISOString(), day.invitees.length]).toEqual(['2026-12-01T01:00:00.000Z', '2026-12-01T03:30:00.000Z', 2]);
  });

  it('rule R4: a visitor\'s issue is assigned within the policy\'s working days (7 unless set)', async () => {
    expect((await assignmentDeadline(fb.t.bot.db, fb.t.bot.orgId, '2026-11-23')).value).toBe('2026-12-02');
    await setPolicy({ receptionAssignWorkingDays: 5 });
    expect((await assignmentDeadline(fb.t.bot.db, fb.t.bot.orgId, '2026-11-23')).value).toBe('2026-11-30');
  });
});
