// Rule S5 under concurrency on a real SQLite file: two connections signing the last places of
// many motions at once. Each motion is submitted and numbered exactly once, and the numbers of
// the year run 1, 2, 3 … without gaps or repeats, however the statements interleave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMotion, sign, submitIfReady } from '../../src/repositories/motion-repo.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

let t: TestDb;
let other: Db;
beforeAll(async () => {
  t = await createTestDb();
  other = await connectDb(t.url);
});
afterAll(async () => {
  await other.$disconnect();
  await t.close();
});

describe('motion numbering (rule S5)', () => {
  it('rule S5: the fifth and sixth signatures arriving at once on two connections number each motion once, without gaps', async () => {
    const org = await t.db.organisation.create({ data: { code: 'x', name: 'X' } });
    const now = new Date('2026-11-23T02:00:00Z');
    const base = { orgId: org.id, year: 2026, code: '议', minSigners: 5, now };
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { id } = await createMotion(t.db, { orgId: org.id, starterId: 1, title: `议案${i}`, reason: 'r', proposal: 'p', inviteeIds: [2, 3, 4, 5, 6], sourceKey: `m${i}`, now });
      for (const p of [2, 3, 4]) await sign(t.db, id, p, now);
      ids.push(id);
    }
    const click = async (db: Db, id: number, person: number) => {
      await sign(db, id, person, now);
      return submitIfReady(db, { ...base, id });
    };
    const results = await Promise.all(ids.flatMap((id, i) => [click(i % 2 ? t.db : other, id, 5), click(i % 2 ? other : t.db, id, 6)]));
    const numbered = results.filter((n): n is string => n !== undefined);
    expect(numbered).toHaveLength(20);
    expect(new Set(numbered).size).toBe(20);
    const motions = await t.db.motion.findMany({ orderBy: { seq: 'asc' } });
    expect(motions.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(motions.every((m) => m.status === 'submitted' && m.number === `2026-议-${String(m.seq).padStart(4, '0')}`)).toBe(true);
  });
});
