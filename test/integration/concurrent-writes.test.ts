// Every read-then-write is safe for two instances on one database: here two clients (two
// instances' connections) race on the same rows. On PostgreSQL (TEST_DATABASE=postgres) the
// clients really run at once; on SQLite the file lock serialises them, and the same
// statements must still give one winner.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivityWithInvitees } from '../../src/repositories/activity-repo.ts';
import { saveDialog } from '../../src/repositories/dialog-repo.ts';
import { createLeaveWithinQuota } from '../../src/repositories/leave-repo.ts';
import { underLockOnDriver, query } from '../../src/repositories/driver-sql.ts';
import { createMotion, submitIfReady } from '../../src/repositories/motion-repo.ts';
import { claimDueRows } from '../../src/repositories/outbox-repo.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { createNumbered } from '../../src/repositories/suggestion-repo.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addPerson } from '../helpers/seed.ts';
import { testingPostgres } from '../helpers/test-database.ts';

let t: TestDb;
let other: Db;
let orgId: number;
let personId: number;
let groupId: number;
const now = new Date('2026-11-23T02:00:00Z');

beforeAll(async () => {
  t = await createTestDb();
  other = await connectDb(t.url);
  orgId = (await t.db.organisation.create({ data: { code: 'race', name: '并发县' } })).id;
  personId = await addPerson(t.db, orgId, { name: '张三', mobile: '13800000001', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
  groupId = (await t.db.unit.findFirstOrThrow({ where: { orgId, kind: 'group' } })).id;
});

afterAll(async () => {
  await other.$disconnect();
  await t.close();
});

/** Runs `attempt` on both clients at once, `each` times per client. */
function race<T>(each: number, attempt: (db: Db, i: number) => Promise<T>): Promise<T[]> {
  return Promise.all([t.db, other].flatMap((db, c) => Array.from({ length: each }, (_, i) => attempt(db, c * each + i))));
}

/** PostgreSQL: locks the rows in another connection until release(after ms); SQLite: nothing. */
async function holdRows(table: string, ids: number[]): Promise<{ release(afterMs: number): Promise<void> }> {
  if (!testingPostgres()) return { release: async () => {} };
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  await c.query('BEGIN');
  await c.query(`SELECT 1 FROM "${table}" WHERE "id" = ANY($1) FOR UPDATE`, [ids]);
  return {
    async release(afterMs) {
      await new Promise((r) => setTimeout(r, afterMs));
      await c.query('COMMIT');
      await c.end();
    },
  };
}

async function groupActivity(title: string): Promise<number> {
  const startAt = new Date('2026-12-10T02:00:00Z');
  const a = await createActivityWithInvitees(t.db, {
    orgId, unitId: groupId, kind: 'study', title, startAt, endAt: new Date(startAt.getTime() + 7200_000), place: '会议室', content: '',
    signInCode: null, signInOpensBefore: 30, createdById: null,
  }, [personId]);
  return a.id;
}

describe('concurrent instances', () => {
  it('rule L2: leave requests for sixteen activities at once, two left in the year: exactly two are made', async () => {
    const activities: number[] = [];
    for (let i = 0; i < 16; i++) activities.push(await groupActivity(`学习${i}`));
    // Statements this short barely overlap from one Node process, so on PostgreSQL a third
    // connection holds the activities while they start: each has counted and then waits (its
    // foreign-key check) — the widest window two instances could ever have.
    const held = await holdRows('Activity', activities);
    const racing = race(8, (db, i) =>
      createLeaveWithinQuota(db, { orgId, activityId: activities[i]!, personId, year: 2026, reason: '外出学习', createdAt: now }, 2),
    );
    await held.release(300);
    const made = await racing;
    expect(made.filter(Boolean)).toHaveLength(2);
    expect(await t.db.leaveRequest.count({ where: { personId, year: 2026 } })).toBe(2);
  });

  it('rule L2: a replayed request finds the one it made instead of being refused', async () => {
    const [first] = await t.db.leaveRequest.findMany({ where: { personId }, orderBy: { id: 'asc' } });
    const again = await createLeaveWithinQuota(other, { orgId, activityId: first!.activityId, personId, year: 2026, reason: '外出学习', createdAt: now }, 2);
    expect(again?.id).toBe(first!.id);
  });

  it('rule S4: suggestions submitted at once on two instances get distinct numbers without gaps', async () => {
    const rows = await race(2, (db, i) =>
      createNumbered(db, {
        orgId, personId, year: 2026, kind: 'suggestion', kindCode: 'JY', title: `建议${i}`, content: '内容', attachments: [],
        sourceKey: `race-suggestion-${i}`, now,
      }),
    );
    expect(rows.map((r) => r.number).sort()).toEqual(['2026-JY-0001', '2026-JY-0002', '2026-JY-0003', '2026-JY-0004']);
  });

  it('rule S5: one motion submitted twice at once is numbered once; two motions get two numbers', async () => {
    const motion = async (key: string) =>
      (await createMotion(t.db, { orgId, starterId: personId, title: key, reason: '理由', proposal: '方案', inviteeIds: [], sourceKey: key, now })).id;
    const one = await motion('race-motion-1');
    const two = await motion('race-motion-2');
    const submit = (db: Db, id: number) => submitIfReady(db, { id, orgId, year: 2026, code: 'YA', minSigners: 1, now });
    const same = await race(1, (db) => submit(db, one));
    expect(same.filter(Boolean)).toEqual(['2026-YA-0001']);
    expect(await submit(other, two)).toBe('2026-YA-0002');
    const numbers = (await t.db.motion.findMany({ where: { orgId }, select: { number: true } })).map((m) => m.number).sort();
    expect(numbers).toEqual(['2026-YA-0001', '2026-YA-0002']);
  });

  it('two motions submitted at once on two instances get distinct numbers', async () => {
    const ids: number[] = [];
    for (const key of ['race-motion-3', 'race-motion-4']) {
      ids.push((await createMotion(t.db, { orgId, starterId: personId, title: key, reason: '理由', proposal: '方案', inviteeIds: [], sourceKey: key, now })).id);
    }
    const numbers = await race(1, (db, i) => submitIfReady(db, { id: ids[i]!, orgId, year: 2026, code: 'YA', minSigners: 1, now }));
    expect(numbers.sort()).toEqual(['2026-YA-0003', '2026-YA-0004']);
  });

  it('a dialog started at once on two instances: one row, no error, and the rev moved on', async () => {
    const key = { orgId, channel: 'wecom', chatKey: 'single', userId: 'zhangsan' };
    const state = (flow: string) => ({ flow, version: 1, step: 'start', draft: {}, history: [], invalidCount: 0, expiresAt: new Date('2026-11-23T02:30:00Z') });
    await race(2, (db, i) => saveDialog(db, key, state(`flow${i}`)));
    const rows = await t.db.dialog.findMany({ where: key });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rev).toBe(3); // created once, replaced three times
  });

  it('outbox claims at once on two instances: each row claimed once, and one row at a time per member', async () => {
    const members = Array.from({ length: 12 }, (_, i) => `member${i}`);
    await t.db.outbox.createMany({
      data: members.flatMap((recipient) => [1, 2].map((n) => ({
        orgId, channel: 'wecom', idempotencyKey: `race-${recipient}-${n}`, kind: 'text', recipient, payload: '{}', nextAttemptAt: now,
      }))),
    });
    // On SQLite the claims that read the same rows before the first one wrote get none: a later
    // claim takes the rest. On PostgreSQL they take turns, and together take all twelve.
    const raced = (await race(4, (db) => claimDueRows(db, now, 5, 60_000))).flat();
    if (testingPostgres()) expect(raced).toHaveLength(12);
    const claimed = [...raced, ...(await claimDueRows(t.db, now, 20, 60_000))];
    expect(new Set(claimed.map((r) => r.id)).size).toBe(claimed.length);
    expect(claimed.map((r) => r.recipient).sort()).toEqual(members.sort()); // each member's first row, once
    expect(claimed.every((r) => r.idempotencyKey.endsWith('-1'))).toBe(true);
    expect(await t.db.outbox.count({ where: { idempotencyKey: { startsWith: 'race-' }, status: 'sending' } })).toBe(12);
  });

  it('a claim whose statement fails gives its turn back: the next one runs, on a connection that works', async () => {
    const key = 424242;
    await expect(underLockOnDriver(t.db, key, (q) => query(q)`SELECT * FROM "NoSuchTable"`)).rejects.toThrow();
    const next = await Promise.race([
      underLockOnDriver(other, key, (q) => query<{ one: number }>(q)`SELECT 1 AS "one"`),
      new Promise((resolve) => setTimeout(() => resolve('still waiting for the lock'), 5_000)),
    ]);
    expect(next).toEqual([{ one: 1 }]);
    expect(await underLockOnDriver(t.db, key, (q) => query<{ one: number }>(q)`SELECT 1 AS "one"`)).toEqual([{ one: 1 }]);
  });

  it.runIf(testingPostgres())('a claim waiting for a connection of an exhausted pool fails after the bound, and the pool serves again once one is free', async () => {
    const small = await connectDb(t.url, { poolSize: 1, poolWaitMs: 300 });
    try {
      let free!: () => void;
      const held = underLockOnDriver(small, 7_314_099, () => new Promise<void>((resolve) => (free = resolve)));
      await expect.poll(() => free).toBeTypeOf('function'); // the one connection is taken
      const started = Date.now();
      await expect(claimDueRows(small, now, 5, 30_000)).rejects.toThrow(/timeout/i);
      expect(Date.now() - started).toBeLessThan(5_000);
      free();
      await held;
      expect(await query<{ one: number }>(small)`SELECT 1 AS "one"`).toEqual([{ one: 1 }]);
    } finally {
      await small.$disconnect();
    }
  });
});
