// A request processed twice (a chat event retried after a crash) changes a suggestion once,
// writes its history row once and tells the deputy once (rules S1–S4); the history row of a
// transition whose write was cut short is written from the row itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/lib/clock.ts';
import { applyTransition, recordHistory } from '../../src/repositories/suggestion-lifecycle-repo.ts';
import { createNumbered } from '../../src/repositories/suggestion-repo.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { registerSuggestion } from '../../src/services/suggestions/review-service.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addPerson } from '../helpers/seed.ts';

let t: TestDb;
let orgId: number;
beforeAll(async () => {
  t = await createTestDb();
  orgId = (await t.db.organisation.create({ data: { code: 'x', name: 'X' } })).id;
});
afterAll(() => t.close());

const now = new Date('2026-11-23T02:00:00Z');

async function suggestion(sourceKey: string) {
  const deputy = await addPerson(t.db, orgId, { name: '李春梅', mobile: `1380000010${sourceKey.length}`, wecom: `u-${sourceKey}` });
  const made = await createNumbered(t.db, { orgId, personId: deputy, year: 2026, kind: '建议', kindCode: '建', title: 't', content: 'c', attachments: [], sourceKey, now, assignDeadline: '2026-12-08' });
  await recordHistory(t.db, made.id);
  return { ...made, deputy };
}

describe('replayed requests (rules S1–S4)', () => {
  it('rule S1: the same 登记 processed twice is one transition, one history row, one message', async () => {
    const s = await suggestion('a');
    const staff = await addPerson(t.db, orgId, { name: '何静', mobile: '13900000201', wecom: 'hejing', levels: '', isStaff: true, units: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }] });
    const person = { id: staff, orgId, name: '何静', isStaff: true, levels: [], memberships: [{ role: 'staff', unit: { id: 1, kind: 'office', name: '人大常委会办公室' } }] };
    const deps = { db: t.db, outbound: new Outbound(t.db, systemClock), now };
    const acting = { person, key: 'event:wecom:42' };
    const first = await registerSuggestion(deps, acting, orgId, s.number);
    const again = await registerSuggestion(deps, acting, orgId, s.number);
    expect(first).toMatchObject({ ok: true });
    expect(again).toMatchObject({ ok: true, message: first.message });
    expect(await t.db.suggestion.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: 'registered', rev: 2 });
    expect(await t.db.suggestionEvent.count({ where: { suggestionId: s.id } })).toBe(2);
    expect(await t.db.outbox.count({ where: { recipient: 'u-a' } })).toBe(1);
    // Another request is refused: it is registered already.
    expect(await registerSuggestion(deps, { person, key: 'event:wecom:43' }, orgId, s.number)).toMatchObject({ ok: false, message: expect.stringContaining('目前的状态是“登记”') });
  });

  it('rule S1: a history row missing after a cut-short write is written from the row', async () => {
    const s = await suggestion('bb');
    const result = await applyTransition(t.db, { id: s.id, orgId, action: 'register', from: ['submitted'], to: 'registered', actorId: null, note: '', key: 'k', now });
    expect(result).toMatchObject({ kind: 'applied', rev: 2, from: 'submitted', to: 'registered' });
    await t.db.suggestionEvent.deleteMany({ where: { suggestionId: s.id, rev: 2 } }); // as if the process died here
    expect(await applyTransition(t.db, { id: s.id, orgId, action: 'register', from: ['submitted'], to: 'registered', actorId: null, note: '', key: 'k', now })).toMatchObject({ kind: 'replayed', rev: 2 });
    expect((await t.db.suggestionEvent.findMany({ where: { suggestionId: s.id }, orderBy: { rev: 'asc' } })).map((e) => [e.rev, e.action, e.fromStatus, e.toStatus])).toEqual([
      [1, 'submit', null, 'submitted'], [2, 'register', 'submitted', 'registered'],
    ]);
    expect(await applyTransition(t.db, { id: s.id, orgId, action: 'register', from: ['submitted'], to: 'registered', actorId: null, note: '', key: 'other', now })).toEqual({ kind: 'refused', status: 'registered' });
  });
});
