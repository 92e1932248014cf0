// The hot path's raw statements (claims, the outbox, who is writing, the rate limit) on the
// database driver directly: the same SQL the repositories write as Prisma tagged templates,
// without the client's query pipeline (about ten times cheaper per statement). On SQLite the
// shared better-sqlite3 connection with cached prepared statements; on PostgreSQL the pool
// Prisma's adapter also uses (pg-sql.ts). It falls back to Prisma's $queryRaw / $executeRaw
// for a client connectDb did not make (a transaction's), and while the shared SQLite
// connection is inside a transaction Prisma opened (a statement run then would join it).
// Results look like Prisma's: DATETIME columns as Date, BOOLEAN as boolean, integers as numbers.
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { pgExecute, pgQuery } from './pg-sql.ts';
import { countStatement, Prisma, SQLITE_BUSY_TIMEOUT_MS, type Db } from './prisma.ts';
import { LOCKED_TRANSACTION, underLock } from './sql-dialect.ts';

const drivers = new WeakMap<Db, Database.Database>();
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();
/** Distinct statements kept prepared per connection (IN lists of several lengths add a few). */
const MAX_CACHED = 500;

const pools = new WeakMap<Db, pg.Pool>();
/** Handles underLockOnDriver gives its statement: one pooled connection inside a transaction. */
const lockedClients = new WeakMap<Db, pg.PoolClient>();

/** Called by connectDb: this client's SQLite connection, shared with Prisma's adapter. */
export function registerDriver(db: Db, driver: Database.Database): void {
  drivers.set(db, driver);
}

/** Called by connectDb: this PostgreSQL client's pool, shared with Prisma's adapter. */
export function registerPool(db: Db, pool: pg.Pool): void {
  pools.set(db, pool);
}

type Template = [strings: TemplateStringsArray, ...values: unknown[]];

/** `query<T>(db)\`SELECT …\`` and `execute(db)\`UPDATE …\`` behave like db.$queryRaw / db.$executeRaw. */
export function query<T>(db: Db) {
  return (...[strings, ...values]: Template): Promise<T[]> => runQuery<T>(db, strings, values, false);
}

/**
 * `query`, for a write a caller is waiting on (the HTTP answer to a callback). SQLite's own
 * busy handler sleeps 1, 2, 5, 10, 15 … ms between tries, so a write that meets the workers'
 * write lock four times in a row waits 33 ms, though each of their commits holds the lock well
 * under a millisecond. This tries again every PROMPT_RETRY_MS instead, for as long in all
 * (SQLITE_BUSY_TIMEOUT_MS). On PostgreSQL it is `query`: a row lock there wakes its waiter.
 */
export function queryPromptly<T>(db: Db) {
  return (...[strings, ...values]: Template): Promise<T[]> => runQuery<T>(db, strings, values, true);
}

/** Between two tries of a prompt write that found the database locked. */
const PROMPT_RETRY_MS = 0.2;

function runQuery<T>(db: Db, strings: TemplateStringsArray, values: unknown[], promptly: boolean): Promise<T[]> {
  const driver = usable(db);
  if (!driver) return other(db, new Prisma.Sql(strings, values), (pool, sql) => pgQuery<T>(pool, sql), () => db.$queryRaw<T[]>(strings, ...values));
  const { stmt, args } = prepare(driver, new Prisma.Sql(strings, values));
  countStatement();
  const run = () => {
    if (!stmt.reader) {
      stmt.run(...args);
      return [];
    }
    const columns = stmt.columns();
    return stmt.all(...args).map((row) => convert(row as Record<string, unknown>, columns)) as T[];
  };
  try {
    return Promise.resolve(promptly ? withPromptRetries(driver, run) : run());
  } catch (err) {
    return Promise.reject(err); // as Prisma would: a failed statement rejects, it does not throw
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs one synchronous statement with the connection's busy handler off, trying again every
 * PROMPT_RETRY_MS while another connection holds the write lock. The thread sleeps meanwhile,
 * as it does inside SQLite's own handler. Safe to repeat: a statement refused SQLITE_BUSY did nothing.
 */
function withPromptRetries<R>(driver: Database.Database, run: () => R): R {
  const deadline = performance.now() + SQLITE_BUSY_TIMEOUT_MS;
  // Prepared once (driver.pragma() prepares on every call: 50 µs a write for the two).
  cached(driver, 'PRAGMA busy_timeout = 0').get();
  try {
    for (;;) {
      try {
        return run();
      } catch (err) {
        if (!String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY') || performance.now() >= deadline) throw err;
        Atomics.wait(sleeper, 0, 0, PROMPT_RETRY_MS);
      }
    }
  } finally {
    cached(driver, `PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`).get();
  }
}

export function execute(db: Db) {
  return (...[strings, ...values]: Template): Promise<number> => executeSql(db, new Prisma.Sql(strings, values));
}

function executeSql(db: Db, sql: Prisma.Sql): Promise<number> {
  const driver = usable(db);
  if (!driver) return other(db, sql, pgExecute, () => db.$executeRaw(sql));
  const { stmt, args } = prepare(driver, sql);
  countStatement();
  return Promise.resolve(stmt.run(...args).changes);
}

interface Queued {
  sql: Prisma.Sql;
  resolve(changes: number): void;
  reject(err: unknown): void;
}

const soon = new WeakMap<Db, Queued[]>();

/**
 * `execute`, deferred to the end of this turn of the event loop: what several callers queue in
 * the same turn (the outbox's "sent" marks of calls that returned together) commits as one
 * SQLite transaction, one WAL write instead of one per statement. For writes whose caller can
 * wait a turn and that stand alone (a failing one fails only its own promise: the batch is then
 * run again statement by statement). On PostgreSQL it is `execute` at once.
 */
export function executeSoon(db: Db) {
  return (...[strings, ...values]: Template): Promise<number> => {
    if (!drivers.has(db)) return execute(db)(strings, ...values);
    return new Promise((resolve, reject) => {
      let queue = soon.get(db);
      if (!queue) {
        soon.set(db, (queue = []));
        setImmediate(() => flushSoon(db));
      }
      queue.push({ sql: new Prisma.Sql(strings, values), resolve, reject });
    });
  };
}

function flushSoon(db: Db): void {
  const queue = soon.get(db) ?? [];
  soon.delete(db);
  const driver = usable(db);
  if (driver && queue.length > 1) {
    try {
      const changes = driver.transaction(() => queue.map((q) => {
        countStatement();
        const { stmt, args } = prepare(driver, q.sql);
        return stmt.run(...args).changes;
      }))();
      queue.forEach((q, i) => q.resolve(changes[i]!));
      return;
    } catch {
      // One of them failed and the transaction rolled back: each on its own, below.
    }
  }
  for (const q of queue) {
    try {
      executeSql(db, q.sql).then(q.resolve, q.reject);
    } catch (err) {
      q.reject(err); // the driver throws at once
    }
  }
}

/**
 * Runs the statements (`?` placeholders) in one transaction on the driver, synchronously, so no
 * other query on the shared connection can land inside it; the rows each changed. Undefined when there is no driver to use
 * (another database, or Prisma holds a transaction open): the caller then goes through Prisma.
 */
export function runTransaction(db: Db, statements: { sql: string; params: unknown[] }[]): number[] | undefined {
  const driver = usable(db);
  if (!driver) return undefined;
  return driver.transaction(() => statements.map((s) => {
    countStatement();
    return cached(driver, s.sql).run(...s.params.map(toSqlite)).changes;
  }))();
}

/** The SQLite connection of `db` (undefined on PostgreSQL). */
export function driverOf(db: Db): Database.Database | undefined {
  return drivers.get(db);
}


/**
 * underLock (sql-dialect.ts) for the hot path, whose statements go through this module
 * (`query` / `execute` on the handle `statement` is given, and nothing else): on PostgreSQL the
 * transaction runs on one connection of the pool directly instead of inside Prisma's interactive
 * transaction, whose pipeline cost about 0.6 ms of CPU for each of its five round trips per claim.
 * Elsewhere (SQLite; a client connectDb did not make) it is underLock.
 */
export async function underLockOnDriver<T>(db: Db, key: number, statement: (q: Db) => Promise<T>): Promise<T> {
  const pool = pools.get(db);
  if (!pool) return underLock(db, key, statement);
  const client = await pool.connect();
  const handle = {} as Db;
  lockedClients.set(handle, client);
  let broken: unknown;
  try {
    await client.query('BEGIN');
    // The lock's wait bounded as underLock bounds it; one round trip for both.
    await client.query({ text: `SELECT set_config('lock_timeout', $1, true), pg_advisory_xact_lock($2::bigint)`, values: [`${LOCKED_TRANSACTION.timeout}ms`, key] });
    const result = await statement(handle);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackFailed: unknown) => (broken = rollbackFailed));
    throw err;
  } finally {
    lockedClients.delete(handle);
    client.release(broken instanceof Error ? broken : undefined); // a connection that could not roll back is closed
  }
}

/** The locked connection underLockOnDriver handed out, PostgreSQL's pool when connectDb registered one, else Prisma. */
function other<R>(db: Db, sql: Prisma.Sql, onPool: (pool: pg.Pool | pg.PoolClient, sql: Prisma.Sql) => Promise<R>, viaPrisma: () => Promise<R>): Promise<R> {
  const pool = lockedClients.get(db) ?? pools.get(db);
  return pool ? onPool(pool, sql) : viaPrisma();
}

function usable(db: Db): Database.Database | undefined {
  const driver = drivers.get(db);
  return driver && !driver.inTransaction ? driver : undefined;
}

function prepare(driver: Database.Database, sql: Prisma.Sql): { stmt: Database.Statement; args: unknown[] } {
  return { stmt: cached(driver, sql.sql), args: sql.values.map(toSqlite) };
}

function cached(driver: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(driver);
  if (!cache) caches.set(driver, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= MAX_CACHED) cache.clear();
    stmt = driver.prepare(sql).safeIntegers(false);
    cache.set(sql, stmt);
  }
  return stmt;
}

/** As Prisma's SQLite adapter stores them: dates as ISO text with +00:00, booleans as 0/1. */
function toSqlite(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

function convert(row: Record<string, unknown>, columns: Database.ColumnDefinition[]): Record<string, unknown> {
  for (const c of columns) {
    const value = row[c.name];
    if (value === null || value === undefined || !c.type) continue;
    const type = c.type.toUpperCase();
    if (type === 'DATETIME') row[c.name] = new Date(typeof value === 'number' ? value : String(value));
    else if (type === 'BOOLEAN') row[c.name] = value === 1 || value === true;
  }
  return row;
}
