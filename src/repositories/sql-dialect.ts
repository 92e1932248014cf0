// The few places where raw SQL differs between SQLite and PostgreSQL, so each repository keeps
// one statement for both. Everything else (double-quoted names, INSERT … ON CONFLICT, RETURNING,
// window functions, booleans as bound parameters) is written once in the common subset.
import { Prisma, dialectOf, type Db } from './prisma.ts';

/** Rows a claim reads are locked, and rows another claim holds are skipped (PostgreSQL only). */
export function skipLocked(db: Db): Prisma.Sql {
  return dialectOf(db) === 'postgres' ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
}

/**
 * A column SQLite's planner must not use an index for (the unary + trick); PostgreSQL has no
 * unary + on text and plans those lookups on its own.
 */
export function unindexed(db: Db, column: string): Prisma.Sql {
  return Prisma.raw(dialectOf(db) === 'postgres' ? `"${column}"` : `+"${column}"`);
}

/** The last four digits of a number, zero-padded ('0007'), for registration numbers. */
export function fourDigits(db: Db, expr: Prisma.Sql): Prisma.Sql {
  return dialectOf(db) === 'postgres' ? Prisma.sql`right('0000' || ${expr}, 4)` : Prisma.sql`substr('0000' || ${expr}, -4)`;
}

export type SqlType = 'integer' | 'text' | 'timestamp';

/**
 * A bound value whose type PostgreSQL cannot infer from where it stands (the select list of an
 * INSERT … SELECT: an untyped parameter there is text). SQLite needs no cast, and a CAST to a
 * timestamp would turn its ISO text into a number.
 */
export function typed(db: Db, value: unknown, type: SqlType): Prisma.Sql {
  if (dialectOf(db) !== 'postgres') return Prisma.sql`${value}`;
  const pgType = { integer: 'integer', text: 'text', timestamp: 'timestamp(3)' }[type];
  return Prisma.sql`CAST(${value} AS ${Prisma.raw(pgType)})`;
}

/** Waits for a pooled connection and for the lock are bounded, but generously (a busy machine). */
export const LOCKED_TRANSACTION = { maxWait: 15_000, timeout: 30_000 };

/**
 * Runs `statement` (on the client it is given) while holding a transaction-scoped advisory lock
 * `key` (PostgreSQL), so instances take turns at it; the statement's snapshot is taken after the
 * lock, so it sees what the previous holder committed. On SQLite, whose writers take turns
 * anyway, it just runs on `db` (no interactive transaction on the shared connection).
 */
export async function underLock<T>(db: Db, key: number, statement: (q: Db) => Promise<T>): Promise<T> {
  if (dialectOf(db) !== 'postgres') return statement(db);
  return db.$transaction(async (tx) => {
    // $executeRaw: the lock function returns void, which the pg adapter cannot read back.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${key}::bigint)`;
    return statement(tx as unknown as Db);
  }, LOCKED_TRANSACTION);
}
