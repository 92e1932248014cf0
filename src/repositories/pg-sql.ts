// The hot path's raw statements on PostgreSQL: straight to the pool Prisma's adapter also uses,
// without the client's query pipeline (it cost about 0.6 ms of CPU per statement). Results are
// read as Prisma's $queryRaw reads them for this schema: timestamps (UTC, without a zone) as
// Date, 64-bit counts as numbers, booleans as booleans.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Prisma } from './prisma.ts';

const TIMESTAMP_OID = 1114;
const INT8_OID = 20;

/** Parsers of this module's queries only (pg's global ones, which Prisma's adapter may rely on, stay as they are). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP_OID) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
    if (oid === INT8_OID) return (text: string) => Number(text);
    return (defaultTypes.getTypeParser as (oid: number, format?: string) => unknown)(oid, format);
  },
} as pg.CustomTypesConfig;

let defaultTypes: typeof pg.types;

/** Called by connectDb with the pg module it loaded (pg stays out of a SQLite process). */
export function usePgTypes(module: typeof pg.types): void {
  defaultTypes = module;
}

/**
 * Dates as UTC text: the columns are timestamps without a zone holding UTC (as Prisma writes
 * them), and pg would otherwise format a Date in the process's local zone.
 */
export function toPg(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value === undefined) return null;
  return value;
}

/**
 * Statements with at most this many parameters run as named prepared statements: each
 * connection parses and plans them once, not on every call (planning alone was 0.9 ms of the
 * server's CPU per outbox claim). Longer ones (a batch INSERT of hundreds of rows, each length
 * a statement of its own) are not worth a plan kept in every connection.
 */
const PREPARED_MAX_PARAMS = 40;

const names = new Map<string, string>();

/** The prepared statement's name: the same text, the same name, on every connection. */
function preparedName(sql: Prisma.Sql): string | undefined {
  if (sql.values.length > PREPARED_MAX_PARAMS) return undefined;
  let name = names.get(sql.text);
  if (!name) {
    name = `hot_${createHash('sha256').update(sql.text).digest('base64url').slice(0, 24)}`;
    if (names.size >= 2_000) names.clear(); // a bound on memory only: a name is derived from its text
    names.set(sql.text, name);
  }
  return name;
}

function run(pool: pg.Pool | pg.PoolClient, sql: Prisma.Sql) {
  return pool.query({ name: preparedName(sql), text: sql.text, values: sql.values.map(toPg), types });
}

export async function pgQuery<T>(pool: pg.Pool | pg.PoolClient, sql: Prisma.Sql): Promise<T[]> {
  return (await run(pool, sql)).rows as T[];
}

export async function pgExecute(pool: pg.Pool | pg.PoolClient, sql: Prisma.Sql): Promise<number> {
  return (await run(pool, sql)).rowCount ?? 0;
}
