// Set-based writes for bulk jobs (the roster import, the province benchmark): many rows per
// statement and one transaction per chunk, instead of a Prisma call per row (about 1 ms each).
// The SQL is portable between SQLite and PostgreSQL; only the placeholders differ: `?` on
// SQLite, `$n::type` on PostgreSQL, whose VALUES lists need their types spelled out.
// On SQLite the chunk runs synchronously on the driver (driver-sql.ts runTransaction), so no
// other query on the shared connection can land inside it; elsewhere as one Prisma batch.
import { runTransaction } from './driver-sql.ts';
import { dialectOf, type Db, type Dialect } from './prisma.ts';

export interface Statement {
  sql: string;
  params: unknown[];
}

/** PostgreSQL types for placeholders (SQLite ignores them). */
export type SqlType = 'int' | 'text' | 'boolean' | 'timestamp';

const PG_TYPE: Record<SqlType, string> = { int: 'integer', text: 'text', boolean: 'boolean', timestamp: 'timestamp(3)' };

/** Most values one statement binds: SQLite allows 32,766, PostgreSQL 65,535. */
export const MAX_PARAMS = 30_000;

/** Placeholders in the order they appear in the SQL text. */
export class SqlArgs {
  readonly params: unknown[] = [];
  constructor(readonly dialect: Dialect) {}

  add(value: unknown, type: SqlType): string {
    this.params.push(value);
    return this.dialect === 'postgres' ? `$${this.params.length}::${PG_TYPE[type]}` : '?';
  }

  /** `(?, ?), (?, ?)`: a VALUES list whose columns are column1, column2, … on both databases. */
  values(rows: unknown[][], types: SqlType[]): string {
    return rows.map((row) => `(${row.map((v, i) => this.add(v, types[i]!)).join(', ')})`).join(', ');
  }
}

/** One statement built by `build`, which places its placeholders through the args it is given. */
export function statement(db: Db, build: (args: SqlArgs) => string): Statement {
  const args = new SqlArgs(dialectOf(db));
  const sql = build(args);
  return { sql, params: args.params };
}

/** Rows per statement so that `columns` values per row stay under the databases' limits. */
export function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.floor(MAX_PARAMS / columns));
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** All or nothing: the statements in one transaction. */
export async function runInTransaction(db: Db, statements: Statement[]): Promise<void> {
  if (statements.length === 0) return;
  if (runTransaction(db, statements)) return;
  await db.$transaction(statements.map((s) => db.$executeRawUnsafe(s.sql, ...s.params)));
}
