// Prisma client factory: the js query compiler with a driver adapter (no Prisma binary).
// SQLite runs in WAL mode with a busy timeout. Writes are single atomic statements
// (conditional updates, INSERT .. ON CONFLICT): the SQLite adapter shares one connection,
// so an interactive transaction would also swallow unrelated concurrent queries.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { registerDriver } from './driver-sql.ts';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client.ts';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

let statements = 0;

/** Statements this thread sent to the database so far (the benchmark reads it via /metrics). */
export function statementCount(): number {
  return statements;
}

/** For repositories that run a statement on the driver directly. */
export function countStatement(): void {
  statements++;
}

const COUNTED = new Set(['queryRaw', 'executeRaw', 'executeScript']);

/** Wraps an adapter (or a transaction) so each statement it runs is counted: one increment, no I/O. */
function counting<T extends object>(target: T): T {
  return new Proxy(target, {
    get(t, name, receiver) {
      const value = Reflect.get(t, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (COUNTED.has(String(name))) return (...args: unknown[]) => (statements++, (value as (...a: unknown[]) => unknown).apply(t, args));
      if (name === 'startTransaction') {
        return async (...args: unknown[]) => counting((await (value as (...a: unknown[]) => Promise<object>).apply(t, args)) as object);
      }
      return (value as (...a: unknown[]) => unknown).bind(t);
    },
  });
}

function countingFactory<T extends { connect(): Promise<object> }>(factory: T, onConnect: (adapter: object) => void): T {
  return new Proxy(factory, {
    get(t, name, receiver) {
      if (name === 'connect') {
        return async () => {
          const adapter = await t.connect();
          onConnect(adapter);
          return counting(adapter);
        };
      }
      const value = Reflect.get(t, name, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
}

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
  let driver: Database.Database | undefined;
  // The adapter keeps its better-sqlite3 connection in `client`: the hot path shares it (driver-sql.ts).
  const adapter = countingFactory(new PrismaBetterSQLite3({ url: `file:${path}`, timeout: SQLITE_BUSY_TIMEOUT_MS }), (a) => {
    driver = (a as { client?: Database.Database }).client;
  });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  // NORMAL in WAL mode survives a process crash; only an OS crash or power cut can roll
  // back the last commits. FULL would fsync on every callback claim.
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  if (driver) registerDriver(db, driver);
  return db;
}
