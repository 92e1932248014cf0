// Prisma client factory: the js query compiler with a driver adapter (no Prisma binary).
// SQLite runs in WAL mode with a busy timeout. Writes are single atomic statements
// (conditional updates, INSERT .. ON CONFLICT): the SQLite adapter shares one connection,
// so an interactive transaction would also swallow unrelated concurrent queries.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client.ts';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

export function sqlitePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) throw new Error(`not a SQLite URL: ${databaseUrl}`);
  return resolve(databaseUrl.slice('file:'.length));
}

export async function connectDb(databaseUrl: string): Promise<Db> {
  if (!databaseUrl.startsWith('file:')) {
    throw new Error('DATABASE_URL: only SQLite (file:...) is supported by this build');
  }
  const path = sqlitePath(databaseUrl);
  mkdirSync(dirname(path), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: `file:${path}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash; only an OS crash or power cut can roll
  // back the last commits. FULL would fsync on every callback claim.
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}
