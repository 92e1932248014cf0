// A fresh, migrated database per test file: a SQLite file in a temp folder, or with
// TEST_DATABASE=postgres a PostgreSQL database of its own (see test-database.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDatabase } from '../../src/repositories/migrate.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { databaseUrlFor, dropDatabaseFor } from './test-database.ts';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'bot-test-'));
  const url = await databaseUrlFor(dir, 'test.db');
  await migrateDatabase(url);
  const db = await connectDb(url);
  return {
    db,
    url,
    dir,
    async close() {
      await db.$disconnect();
      await dropDatabaseFor(dir, 'test.db');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
