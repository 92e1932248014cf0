// The service's SQLite connections checkpoint on a timer, not inside a commit (wal-checkpoint.ts).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/repositories/migrate.ts';
import { driverOf } from '../../src/repositories/driver-sql.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { CHECKPOINT_SAFETY_PAGES, startWalCheckpoints } from '../../src/repositories/wal-checkpoint.ts';
import { testingPostgres } from '../helpers/test-database.ts';

describe.skipIf(testingPostgres())('WAL checkpoints of the service (SQLite)', () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(async () => {
    await Promise.all(dbs.splice(0).map((db) => db.$disconnect()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  async function open(backgroundCheckpoints: boolean) {
    const dir = mkdtempSync(join(tmpdir(), 'bot-wal-'));
    dirs.push(dir);
    const url = `file:${join(dir, 'bot.db')}`;
    await migrateDatabase(url);
    const db = await connectDb(url, { backgroundCheckpoints });
    dbs.push(db);
    return { db, driver: driverOf(db)!, wal: join(dir, 'bot.db-wal') };
  }

  function write(db: Db, rows: number) {
    const driver = driverOf(db)!;
    const insert = driver.prepare(`INSERT INTO "Organisation" ("code", "name") VALUES (?, ?)`);
    for (let i = 0; i < rows; i++) insert.run(`org-${Math.random()}`, 'x'.repeat(2000));
  }

  const walPages = (driver: ReturnType<typeof driverOf> & object) => Number((driver.pragma('wal_checkpoint(PASSIVE)') as { log: number | bigint }[])[0]!.log);

  it('a commit no longer checkpoints at 1,000 pages; command lines keep the default', async () => {
    const service = await open(true);
    const cli = await open(false);
    expect(Number(service.driver.pragma('wal_autocheckpoint', { simple: true }))).toBe(CHECKPOINT_SAFETY_PAGES);
    expect(Number(cli.driver.pragma('wal_autocheckpoint', { simple: true }))).toBe(1000);
    write(service.db, 1500);
    // Every page written so far is still in the log: nothing checkpointed it mid-write.
    expect(statSync(service.wal).size).toBeGreaterThan(1000 * 4096);
  });

  it('the timer checkpoints what was written, and stops when asked', async () => {
    const { db, driver } = await open(true);
    const errors: unknown[] = [];
    const stop = startWalCheckpoints(db, (err) => errors.push(err), 20);
    write(db, 200);
    // Once checkpointed and idle, the next write starts the log again from its beginning.
    await expect.poll(() => { write(db, 1); return walPages(driver); }, { timeout: 5_000, interval: 50 }).toBeLessThan(20);
    stop();
    expect(errors).toEqual([]);
  });
});
