// What ties the PostgreSQL migration set to the SQLite one (see prisma/postgres/migrations/README.md):
// a baseline covering the SQLite migrations up to BASELINE_COVERS, then one twin per later
// SQLite migration under the same name.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR, PG_MIGRATIONS_DIR, migratePostgres, readMigrations } from '../src/repositories/migrate.ts';
import { databaseUrl } from './lib/pg-cluster.ts';
import { diffPgSql } from './schema-sql.ts';

export const BASELINE = '00000000000000_baseline';
export const BASELINE_COVERS = '20261130183503_org_credentials';
const ROOT = join(import.meta.dirname, '..');

/** SQLite migrations that need a twin of their own (those after the baseline). */
export function sqliteNamesNeedingTwins(): string[] {
  return readMigrations(MIGRATIONS_DIR).map((m) => m.name).filter((n) => n > BASELINE_COVERS);
}

export function missingTwins(): string[] {
  return sqliteNamesNeedingTwins().filter((n) => !existsSync(join(PG_MIGRATIONS_DIR, n, 'migration.sql')));
}

/** PostgreSQL migrations that are neither the baseline nor the twin of a SQLite migration. */
export function orphanTwins(): string[] {
  const twins = new Set(sqliteNamesNeedingTwins());
  return readMigrations(PG_MIGRATIONS_DIR).map((m) => m.name).filter((n) => n !== BASELINE && !twins.has(n));
}

function git(args: string[]): string {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function schemaAt(commit: string): string | null {
  try {
    return git(['show', `${commit}:prisma/schema.prisma`]);
  } catch {
    return null;
  }
}

/**
 * The schema texts a SQLite migration moved between: those of the commit that added it and of
 * its parent (one migration per commit, schema and migration together), or of HEAD and the
 * working tree while it is not committed yet.
 */
export function schemasAround(name: string): { from: string | null; to: string } {
  const added = git(['log', '--diff-filter=A', '--format=%H', '-n', '1', '--', `prisma/migrations/${name}/migration.sql`]).trim();
  if (!added) return { from: schemaAt('HEAD'), to: readFileSync(join(ROOT, 'prisma', 'schema.prisma'), 'utf8') };
  const to = schemaAt(added);
  if (to === null) throw new Error(`${name}: no prisma/schema.prisma in commit ${added}`);
  return { from: schemaAt(`${added}^`), to };
}

export function twinSql(name: string, serverUrl: string): string {
  const { from, to } = schemasAround(name);
  return diffPgSql(from, to, serverUrl);
}

type Shape = Record<string, unknown>;

/**
 * The deliberate differences from the schema, both about batch rows (a notice card's one Outbox
 * row whose recipient lists up to 1,000 members): the Outbox's indexes on the recipient are
 * partial on PostgreSQL, as such a list exceeds a btree entry (see the baseline migration), and
 * one PostgreSQL-only index finds the batch rows those leave out (see twins_by_recent_attempt).
 */
const PG_ONLY_PREDICATE = / WHERE \(recipient !~~ '%\|%'::text\)$/;
const PG_ONLY_INDEXES = new Set(['Outbox_batch_contentHash_lastAttemptAt_idx']);
function withoutPgOnlyPredicate(row: Record<string, unknown>) {
  return { ...row, indexdef: String(row.indexdef).replace(PG_ONLY_PREDICATE, '') };
}

/** Tables, columns (by name), indexes and constraints of a database, to compare two. */
export async function describePg(url: string): Promise<Shape> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await q(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_app_migrations' ORDER BY table_name, column_name`),
      indexes: (await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_app_migrations' ORDER BY tablename, indexname`)).filter((row) => !PG_ONLY_INDEXES.has(String(row.indexname))).map(withoutPgOnlyPredicate),
      constraints: await q(`SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_app_migrations', '"_app_migrations"') ORDER BY 1, 2`),
    };
  } finally {
    await client.end();
  }
}

/** Builds the committed PostgreSQL migrations and the source schema side by side; returns both shapes. */
export async function compareWithSchema(serverUrl: string): Promise<{ migrated: Shape; fromSchema: Shape }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const suffix = `${process.pid}_${Date.now()}`;
  const names = [`check_migrated_${suffix}`, `check_schema_${suffix}`];
  try {
    for (const n of names) await admin.query(`CREATE DATABASE "${n}"`);
    const [migratedUrl, schemaUrl] = names.map((n) => databaseUrl(serverUrl, n));
    await migratePostgres(migratedUrl!);
    const sql = diffPgSql(null, readFileSync(join(ROOT, 'prisma', 'schema.prisma'), 'utf8'), serverUrl);
    const target = new pg.Client({ connectionString: schemaUrl });
    await target.connect();
    await target.query(sql).finally(() => target.end());
    return { migrated: await describePg(migratedUrl!), fromSchema: await describePg(schemaUrl!) };
  } finally {
    for (const n of names) await admin.query(`DROP DATABASE IF EXISTS "${n}"`);
    await admin.end();
  }
}
