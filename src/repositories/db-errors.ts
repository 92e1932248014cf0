// Which database errors are the input's fault, so that trying again can only fail again: a query
// Prisma refuses to build (a NaN id, a wrong type) or a value the column cannot hold. Unique
// conflicts and busy locks are not here: a second try may well succeed.
import { Prisma } from './prisma.ts';

/** Prisma request codes caused by the values sent, not by the moment (P2000 too long, P2006 invalid, …). */
const INPUT_CODES = new Set(['P2000', 'P2005', 'P2006', 'P2007', 'P2009', 'P2011', 'P2012', 'P2019', 'P2020', 'P2023']);

export function isDeterministicDbError(err: unknown): boolean {
  if (err instanceof Prisma.PrismaClientValidationError) return true;
  return err instanceof Prisma.PrismaClientKnownRequestError && INPUT_CODES.has(err.code);
}

/**
 * A unique constraint refused the write (another writer took the key first): P2002 from the
 * model API; from raw SQL Prisma reports P2010 with the driver adapter's kind, on SQLite and
 * PostgreSQL alike.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (err.code === 'P2002') return true;
  const cause = (err.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause;
  return err.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}
