// Prisma client factory: the js query compiler with a driver adapter (no Prisma binary).
//
// SQLite (file:…, the default) runs in WAL mode with a busy timeout. Writes are single atomic
// statements (conditional updates, INSERT .. ON CONFLICT): the SQLite adapter shares one
// connection, so an interactive transaction would also swallow unrelated concurrent queries.
//
// PostgreSQL (postgresql://…, several instances on one database) uses the client generated
// from the derived schema (prisma/postgres, npm run db:generate) over a pg pool. Its generated
// types are a second, nominally different copy of the same models, so it is handed out as the
// SQLite client's type: `Db` stays one type for every repository, and the two clients agree
// on every model, field and method because both come from the one schema file (the CI check
// npm run db:check proves their migrations build the same tables). Raw SQL that differs
// between the two asks dialectOf(db).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import type Database from 'better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.ts';
import { dialectOfUrl, type Dialect } from './dialect.ts';
import { registerPostgresUrl } from './bulk-sql.ts';
import { registerDriver, registerPool } from './driver-sql.ts';
import { usePgTypes } from './pg-sql.ts';
import { deferCheckpoints } from './wal-checkpoint.ts';

export type Db = PrismaClient;
export { Prisma } from '../generated/prisma/client.ts';
export type { Dialect } from './dialect.ts';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

const dialects = new WeakMap<object, Dialect>();

/** Which database a client talks to (SQLite unless connectDb made it for PostgreSQL). */
export function dialectOf(db: Db): Dialect {
  return dialects.get(db) ?? 'sqlite';
}

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

export interface ConnectOptions {
  /** PostgreSQL: connections in this process's pool. */
  poolSize?: number;
  /** PostgreSQL: how long a statement waits for a free connection (or a new one) before failing. */
  poolWaitMs?: number;
  /** SQLite: the service checkpoints on a timer (wal-checkpoint.ts), not inside its commits. */
  backgroundCheckpoints?: boolean;
}

export async function connectDb(databaseUrl: string, options: ConnectOptions = {}): Promise<Db> {
  if (dialectOfUrl(databaseUrl) === 'postgres') return connectPostgres(databaseUrl, options);
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
  if (driver && options.backgroundCheckpoints) deferCheckpoints(driver);
  return db;
}

/** Counts every statement a pooled connection sends (BEGIN and COMMIT too: each is a round trip). */
function countRoundTrips(client: { query: (...args: never[]) => unknown }): void {
  const send = client.query.bind(client) as (...args: never[]) => unknown;
  client.query = (...args: never[]) => (statements++, send(...args));
}

async function connectPostgres(databaseUrl: string, options: ConnectOptions): Promise<Db> {
  // Loaded only here: a SQLite deployment never needs the second client or pg.
  const [{ PrismaPg }, { PrismaClient: PgClient }, { default: pg }] = await Promise.all([
    import('@prisma/adapter-pg'),
    import('../generated/prisma-pg/client.ts'),
    import('pg'),
  ]);
  // One pool: Prisma's adapter and the hot path's raw statements (driver-sql.ts) share it.
  // A wait for a connection is bounded as Prisma bounds a transaction's (15 s): an exhausted pool
  // or an unreachable server fails the statement, to be retried, instead of hanging its worker.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10, connectionTimeoutMillis: options.poolWaitMs ?? 15_000 });
  pool.on('connect', countRoundTrips);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // The one cast between the two generated clients (see the header).
  const db = new PgClient({ adapter }) as unknown as Db;
  dialects.set(db, 'postgres');
  registerPostgresUrl(db, databaseUrl);
  usePgTypes(pg.types);
  registerPool(db, pool);
  await db.$queryRawUnsafe('SELECT 1'); // fail at start-up, not on the first callback
  return db;
}
