// The organisation's policy edited field by field (every number of domain.md, U4's body name),
// described from the schema itself, with compare-and-set. Real SQLite.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/domain/policy.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import { loadPolicy } from '../../src/repositories/org-repo.ts';
import { readPolicy, updatePolicy } from '../../src/services/org-policy-service.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

let t: TestDb;
let orgId: number;
beforeEach(async () => {
  t = await createTestDb();
  orgId = (await ensureOrganisation(t.db, 'org')).id;
});
afterEach(() => t.close());

describe('organisation policy (every number is the county\'s)', () => {
  it('describes every field of the schema with its type, bounds and default', async () => {
    const { fields } = await readPolicy(t.db, orgId);
    expect(fields.map((f) => f.key)).toEqual(Object.keys(DEFAULT_POLICY));
    expect(fields.find((f) => f.key === 'signInOpensMinutesBefore')).toMatchObject({ input: 'integer', min: 0, max: 1440, defaultValue: 30, value: 30 });
    expect(fields.find((f) => f.key === 'supervisingBody')).toMatchObject({ input: 'text', minLength: 2, maxLength: 40 });
  });

  it('rule U4 and L2: changed fields are stored and read back; a bad field refuses the whole save', async () => {
    const { stored } = await readPolicy(t.db, orgId);
    const bad = await updatePolicy(t.db, orgId, { leavesPerYear: '-1', supervisingBody: '镇人大主席团' }, stored);
    expect(bad).toMatchObject({ ok: false, problems: [{ key: 'leavesPerYear' }] });
    expect((await loadPolicy(t.db, orgId)).supervisingBody).toBe(DEFAULT_POLICY.supervisingBody);
    const good = await updatePolicy(t.db, orgId, { leavesPerYear: '3', supervisingBody: '镇人大主席团', motionMinSigners: String(DEFAULT_POLICY.motionMinSigners) }, stored);
    expect(good).toEqual({ ok: true, changed: ['supervisingBody', 'leavesPerYear'] });
    expect(await loadPolicy(t.db, orgId)).toMatchObject({ leavesPerYear: 3, supervisingBody: '镇人大主席团' });
  });

  it('a save based on a policy someone else changed meanwhile is refused', async () => {
    const { stored } = await readPolicy(t.db, orgId);
    await updatePolicy(t.db, orgId, { leavesPerYear: '3' }, stored);
    expect(await updatePolicy(t.db, orgId, { leavesPerYear: '4' }, stored)).toEqual({ ok: false, stale: true });
    expect((await loadPolicy(t.db, orgId)).leavesPerYear).toBe(3);
  });
});
