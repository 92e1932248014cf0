// Set-based writes for bulk jobs (the roster import, the province benchmark): many rows per
// statement and one transaction per chunk, instead of a Prisma call per row (about 1 ms each).
// The SQL is written once; a row source differs by database:
// - SQLite: `SELECT value ->> 0 AS column1, … FROM json_each(?)`, the rows as one JSON array,
//   run synchronously on the driver Prisma's adapter holds (driver-sql.ts runTransaction), so no
//   other query on the shared connection lands inside. A `VALUES (?, ?), …` list made a new
//   statement text for every row count: each was prepared (a 2,000-row insert compiles to
//   a program of tens of thousands of steps) and kept in the driver's statement cache, about
//   100 MB at a province's roster; the JSON source is one short statement whatever the count.
// - PostgreSQL: `SELECT * FROM unnest($1::integer[], $2::text[]) AS v(column1, column2)`, one
//   array per column (a statement's text and parse time stay small whatever the row count), on
//   a connection of the session's own (pg), BEGIN … COMMIT per chunk.
// Both name a source's columns column1, column2, … so the SQL around them is the same.
import type pg from 'pg';
import { query, runTransaction } from './driver-sql.ts';
import { toPg } from './pg-sql.ts';
import { dialectOf, type Db, type Dialect, type Prisma } from './prisma.ts';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** Column types (PostgreSQL needs them for its parameters; SQLite ignores them). */
export type SqlType = 'int' | 'text' | 'boolean' | 'timestamp';

const PG_TYPE: Record<SqlType, string> = { int: 'integer', text: 'text', boolean: 'boolean', timestamp: 'timestamp(3)' };

/** Placeholders in the order they appear in the SQL text. */
export class SqlArgs {
  readonly params: unknown[] = [];
  constructor(readonly dialect: Dialect) {}

  add(value: unknown, type: SqlType): string {
    if (this.dialect === 'sqlite') {
      this.params.push(value);
      return '?';
    }
    this.params.push(toPg(value));
    return `$${this.params.length}::${PG_TYPE[type]}`;
  }

  /** A row source usable after INSERT INTO t (…), in `IN (…)` and as `FROM (…) AS v`. */
  rows(rows: unknown[][], types: SqlType[]): string {
    return this.source(rows, types, false);
  }

  /**
   * `rows` with one more column, `ordinal` (1, 2, …), for an INSERT … SELECT that joins them:
   * ORDER BY v."ordinal" gives the new rows their ids in the file's order on both databases
   * (PostgreSQL's hash join returns them in the joined table's order, which made a person's
   * memberships, and so the order of their units in answers, differ from SQLite's).
   */
  orderedRows(rows: unknown[][], types: SqlType[]): string {
    return this.source(rows, types, true);
  }

  private source(rows: unknown[][], types: SqlType[], ordinal: boolean): string {
    const columns = types.map((_, i) => `column${i + 1}`);
    if (this.dialect === 'sqlite') {
      this.params.push(JSON.stringify(rows.map((row) => row.map(toSqliteJson))));
      const values = columns.map((c, i) => `value ->> ${i} AS ${c}`);
      return `SELECT ${[...values, ...(ordinal ? ['"key" + 1 AS "ordinal"'] : [])].join(', ')} FROM json_each(?)`;
    }
    const arrays = types.map((type, i) => {
      this.params.push(pgArrayLiteral(rows, i));
      return `$${this.params.length}::${PG_TYPE[type]}[]`;
    });
    const names = [...columns, ...(ordinal ? ['"ordinal"'] : [])].join(', ');
    return `SELECT * FROM unnest(${arrays.join(', ')})${ordinal ? ' WITH ORDINALITY' : ''} AS u(${names})`;
  }
}

/**
 * Column `i` of the rows as PostgreSQL's array literal text (`{"a","b",NULL}`): what pg makes of
 * a JS array, built with one join. pg appends element by element: a third of everything a
 * 100,000-row first import allocated (about 440 MB, sampled), enough garbage to fill the young
 * generation every chunk and push the chunk's own objects into the old one.
 */
function pgArrayLiteral(rows: unknown[][], i: number): string {
  const items = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const value = toPg(rows[r]![i]);
    items[r] = value === null ? 'NULL' : `"${String(value).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${items.join(',')}}`;
}

/** As a bound value would be stored (driver-sql.ts): dates as ISO text with +00:00; JSON true is 1. */
function toSqliteJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  return value === undefined ? null : value;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface BulkSession {
  readonly dialect: Dialect;
  /** The statement for `rows` (none when there are none), built by `build`; `columns` is informative. */
  statements<T>(rows: readonly T[], columns: number, build: (part: T[], a: SqlArgs) => string): Statement[];
  /** All or nothing: the statements in one transaction; the rows each changed. */
  transaction(statements: Statement[]): Promise<number[]>;
  /**
   * A read for the bulk job: on SQLite the driver (driver-sql.ts), on PostgreSQL the session's own
   * connection, without Prisma's query pipeline (several times the cost for a page of 5,000 rows).
   * Integers, text and booleans come back as Prisma gives them; dates as pg parses them.
   */
  query<T>(sql: Prisma.Sql): Promise<T[]>;
}

/** A session for one bulk job; on PostgreSQL it holds one connection (from its first write) until `work` ends. */
export async function withBulkSession<T>(db: Db, work: (session: BulkSession) => Promise<T>): Promise<T> {
  const dialect = dialectOf(db);
  // One statement for all the rows: both row sources take any number of them in a few parameters.
  const statements: BulkSession['statements'] = (rows, _columns, build) => {
    return chunks(rows, Math.max(1, rows.length)).map((part) => {
      const args = new SqlArgs(dialect);
      return { sql: build(part, args), params: args.params };
    });
  };
  if (dialect === 'sqlite') {
    const read = <T>(sql: Prisma.Sql) => query<T>(db)(sql.strings as unknown as TemplateStringsArray, ...sql.values);
    return work({ dialect, statements, transaction: async (list) => sqliteTransaction(db, list), query: read });
  }
  // Connected on first use: a sync with nothing to write opens no connection.
  let client: Promise<pg.Client> | undefined;
  const connection = () => (client ??= pgClient(db));
  try {
    return await work({
      dialect,
      statements,
      transaction: async (list) => (list.length === 0 ? [] : pgTransaction(await connection(), list)),
      query: async <T>(sql: Prisma.Sql) => (await pgRun(await connection(), sql.text, sql.values)).rows as T[],
    });
  } finally {
    if (client) await (await client).end();
  }
}

async function sqliteTransaction(db: Db, list: Statement[]): Promise<number[]> {
  if (list.length === 0) return [];
  // No driver to use (Prisma holds a transaction open): one Prisma batch, also all or nothing.
  return runTransaction(db, list) ?? db.$transaction(list.map((s) => db.$executeRawUnsafe(s.sql, ...s.params)));
}

async function pgTransaction(client: pg.Client, list: Statement[]): Promise<number[]> {
  if (list.length === 0) return [];
  await pgRun(client, 'BEGIN');
  try {
    const changed: number[] = [];
    for (const s of list) changed.push((await pgRun(client, s.sql, s.params)).rowCount ?? 0);
    await pgRun(client, 'COMMIT');
    return changed;
  } catch (err) {
    await pgRun(client, 'ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/**
 * `client.query` in its callback form, wrapped in a promise of our own. The promise pg returns
 * when given no callback keeps what each query read from dying young: 400 reads of 500 people
 * promoted 22.6 MB to V8's old generation that way, 1.4 MB this way (--trace-gc-nvp); a
 * province's re-import read 100,000 people and their units and accounts so, about 1 KB each,
 * and that garbage filled the heap until a full collection.
 */
function pgRun(client: pg.Client, text: string, values?: unknown[]): Promise<pg.QueryResult> {
  return new Promise((resolve, reject) => client.query(text, values ?? [], (err: Error | null, result: pg.QueryResult) => (err ? reject(err) : resolve(result))));
}

const pgUrls = new WeakMap<Db, string>();

/** Called by connectDb for a PostgreSQL client: bulk sessions open their own connection. */
export function registerPostgresUrl(db: Db, url: string): void {
  pgUrls.set(db, url);
}

async function pgClient(db: Db): Promise<pg.Client> {
  const url = pgUrls.get(db);
  if (!url) throw new Error('bulk writes on PostgreSQL need a client made by connectDb');
  const { default: pgModule } = await import('pg');
  const client = new pgModule.Client({ connectionString: url });
  await client.connect();
  return client;
}
