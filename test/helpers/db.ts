// A fresh, migrated SQLite database in a temp folder, per test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../src/repositories/migrate.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'bot-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  migrate(url);
  const db = await connectDb(url);
  return {
    db,
    url,
    dir,
    async close() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
