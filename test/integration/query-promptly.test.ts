// queryPromptly: a write the HTTP answer waits on tries again every fraction of a millisecond
// while another connection holds SQLite's write lock, instead of SQLite's 1, 2, 5, 10 … ms sleeps.
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { driverOf, queryPromptly } from '../../src/repositories/driver-sql.ts';
import { insertNewEvents } from '../../src/repositories/inbound-repo.ts';
import { sqlitePath, SQLITE_BUSY_TIMEOUT_MS } from '../../src/repositories/prisma.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { testingPostgres } from '../helpers/test-database.ts';

/** Another connection (a thread of its own) takes the write lock, says so, and holds it `ms`. */
function holdWriteLock(path: string, ms: number): { locked: Promise<void>; released: Promise<void> } {
  const worker = new Worker(
    `const Database = require('better-sqlite3');
     const { parentPort, workerData } = require('node:worker_threads');
     const db = new Database(workerData.path);
     db.exec('BEGIN IMMEDIATE');
     db.prepare('UPDATE "Organisation" SET "name" = ? WHERE "code" = ?').run('held', 'a');
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { path, ms } },
  );
  const locked = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const released = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return { locked, released };
}

describe.skipIf(testingPostgres())('queryPromptly (SQLite)', () => {
  let tdb: TestDb;
  beforeEach(async () => {
    tdb = await createTestDb();
    await tdb.db.organisation.create({ data: { code: 'a', name: 'a' } });
  });
  afterEach(() => tdb.close());

  const event = (key: string) => ({
    orgId: 1, channel: 'wecom', platformKey: key, kind: 'text', senderId: 'u1', payload: '{}', receivedAt: new Date('2026-12-01T01:00:00Z'),
  });

  it('waits out another connection\'s write lock and then writes: nothing refused, nothing lost', async () => {
    const holder = holdWriteLock(sqlitePath(tdb.url), 300);
    await holder.locked;
    const started = performance.now();
    const inserted = await insertNewEvents(tdb.db, [event('k1')]);
    const waited = performance.now() - started;
    await holder.released;
    expect([...inserted]).toEqual(['k1']);
    expect(waited).toBeGreaterThanOrEqual(250); // it did wait for the lock, not write past it
    expect((await tdb.db.organisation.findUniqueOrThrow({ where: { code: 'a' } })).name).toBe('held');
    expect(await tdb.db.inboundEvent.count({ where: { platformKey: 'k1' } })).toBe(1);
  });

  it('gives the connection its busy timeout back, after a success and after an error', async () => {
    const driver = driverOf(tdb.db)!;
    const timeout = () => Number(driver.pragma('busy_timeout', { simple: true }));
    await queryPromptly(tdb.db)`UPDATE "Organisation" SET "name" = ${'b'} WHERE "code" = ${'a'}`;
    expect(timeout()).toBe(SQLITE_BUSY_TIMEOUT_MS);
    await expect(queryPromptly(tdb.db)`INSERT INTO "Organisation" ("code", "name") VALUES (${'a'}, ${'dup'})`).rejects.toThrow(/UNIQUE/);
    expect(timeout()).toBe(SQLITE_BUSY_TIMEOUT_MS);
  });
});
