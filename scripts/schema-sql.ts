// Shared by the migration tooling: the SQL that builds a schema file from nothing, and
// the SQL that moves one schema file to another, both from `prisma migrate diff`
// (which runs on the wasm schema engine, no binary needed). The PostgreSQL flavour diffs
// schemas derived from the source schema (scripts/pg-schema.ts); its js engine insists on
// connecting through the pg adapter, so it needs a server (any: nothing is read or written).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivePgSchema } from './pg-schema.ts';

const PRISMA = join(import.meta.dirname, '..', 'node_modules', '.bin', 'prisma');
const CONFIG = join(import.meta.dirname, '..', 'prisma', 'prisma.config.ts');
const PG_CONFIG = join(import.meta.dirname, '..', 'prisma', 'postgres', 'prisma.config.ts');

export function diffSql(from: string | 'empty', to: string): string {
  const fromArgs = from === 'empty' ? ['--from-empty'] : ['--from-schema-datamodel', from];
  return execFileSync(PRISMA, ['migrate', 'diff', '--config', CONFIG, ...fromArgs, '--to-schema-datamodel', to, '--script'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * PostgreSQL SQL moving one SQLite-provider schema text (the source schema at some commit, or
 * null for nothing) to another; both are derived to PostgreSQL first.
 */
export function diffPgSql(fromSource: string | null, toSource: string, serverUrl: string): string {
  const scratch = mkdtempSync(join(tmpdir(), 'pg-diff-'));
  try {
    const to = join(scratch, 'to.prisma');
    writeFileSync(to, derivePgSchema(toSource));
    let fromArgs = ['--from-empty'];
    if (fromSource !== null) {
      const from = join(scratch, 'from.prisma');
      writeFileSync(from, derivePgSchema(fromSource));
      fromArgs = ['--from-schema-datamodel', from];
    }
    return execFileSync(PRISMA, ['migrate', 'diff', '--config', PG_CONFIG, ...fromArgs, '--to-schema-datamodel', to, '--script'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: serverUrl },
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Whether migration SQL does anything (prisma writes a comment for an empty diff). */
export function isEmptySql(sql: string): boolean {
  return !/\S/.test(sql.replace(/^--.*$/gm, ''));
}
