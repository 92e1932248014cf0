// Applies the committed migrations once each, in order, each in its own transaction, recording
// name and checksum: prisma/migrations/*/migration.sql on SQLite, their PostgreSQL twins in
// prisma/postgres/migrations on PostgreSQL (under pg_advisory_lock, so instances starting
// together apply each once). Used at start-up and by `npm run db:migrate`. (`prisma migrate
// deploy` needs the schema engine on SQLite and fails through the pg adapter: prisma/orm#27403.)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { dialectOfUrl, type Dialect } from './dialect.ts';
import { SQLITE_BUSY_TIMEOUT_MS, sqlitePath } from './prisma.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'prisma', 'migrations');
export const PG_MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'prisma', 'postgres', 'migrations');

export function migrationsDir(dialect: Dialect): string {
  return dialect === 'postgres' ? PG_MIGRATIONS_DIR : MIGRATIONS_DIR;
}

/** Any database: the committed migrations of its dialect. */
export async function migrateDatabase(databaseUrl: string, migrations?: Migration[]): Promise<MigrationResult> {
  const dialect = dialectOfUrl(databaseUrl);
  const list = migrations ?? readMigrations(migrationsDir(dialect));
  return dialect === 'postgres' ? migratePostgres(databaseUrl, list) : migrate(databaseUrl, list);
}

/** Any database: names of committed migrations not yet applied (for /readyz). */
export async function pendingMigrationsOf(databaseUrl: string, migrations?: Migration[]): Promise<string[]> {
  const dialect = dialectOfUrl(databaseUrl);
  const list = migrations ?? readMigrations(migrationsDir(dialect));
  if (dialect === 'sqlite') return pendingMigrations(databaseUrl, list);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ledger = await client.query(`SELECT to_regclass('"_app_migrations"') IS NOT NULL AS "present"`);
    if (!ledger.rows[0].present) return list.map((m) => m.name);
    const done = new Set((await client.query('SELECT "name" FROM "_app_migrations"')).rows.map((r: { name: string }) => r.name));
    return list.filter((m) => !done.has(m.name)).map((m) => m.name);
  } finally {
    await client.end();
  }
}

/** Arbitrary but fixed: the advisory lock every instance takes while it migrates. */
const PG_MIGRATION_LOCK = 7_314_001;

export async function migratePostgres(databaseUrl: string, migrations = readMigrations(PG_MIGRATIONS_DIR)): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // A session lock: a second instance waits here until the first has applied everything,
    // then finds every migration in the ledger.
    await client.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK]);
    await client.query(LEDGER);
    const applied: string[] = [];
    let alreadyApplied = 0;
    for (const m of migrations) {
      const row = (await client.query('SELECT "checksum" FROM "_app_migrations" WHERE "name" = $1', [m.name])).rows[0] as { checksum: string } | undefined;
      if (row) {
        if (row.checksum !== m.checksum) throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
        alreadyApplied++;
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO "_app_migrations" ("name", "checksum", "appliedAt") VALUES ($1, $2, $3)', [m.name, m.checksum, new Date().toISOString()]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied };
  } finally {
    await client.end(); // ends the session, and with it the advisory lock
  }
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const LEDGER = `CREATE TABLE IF NOT EXISTS "_app_migrations" (
  "name" TEXT NOT NULL PRIMARY KEY,
  "checksum" TEXT NOT NULL,
  "appliedAt" TEXT NOT NULL
)`;

export function migrate(databaseUrl: string, migrations = readMigrations()): MigrationResult {
  const path = sqlitePath(databaseUrl);
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(LEDGER);
    const applied: string[] = [];
    let alreadyApplied = 0;
    for (const m of migrations) {
      // BEGIN IMMEDIATE takes the write lock first, so two instances starting together
      // cannot both apply the same migration.
      const outcome = db.transaction(() => {
        const row = db.prepare('SELECT checksum FROM "_app_migrations" WHERE name = ?').get(m.name) as
          | { checksum: string }
          | undefined;
        if (row) {
          if (row.checksum !== m.checksum) {
            throw new Error(`migration ${m.name} was changed after it was applied; add a new migration instead`);
          }
          return 'skipped';
        }
        db.exec(m.sql);
        db.prepare('INSERT INTO "_app_migrations" (name, checksum, appliedAt) VALUES (?, ?, ?)').run(
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
        return 'applied';
      }).immediate();
      if (outcome === 'applied') applied.push(m.name);
      else alreadyApplied++;
    }
    return { applied, alreadyApplied };
  } finally {
    db.close();
  }
}

/** Names of committed migrations not yet applied to the database (for /readyz). */
export function pendingMigrations(databaseUrl: string, migrations = readMigrations()): string[] {
  const db = new Database(sqlitePath(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const hasLedger = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='_app_migrations'`).get();
    if (!hasLedger) return migrations.map((m) => m.name);
    const done = new Set(
      (db.prepare('SELECT name FROM "_app_migrations"').all() as { name: string }[]).map((r) => r.name),
    );
    return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
  } finally {
    db.close();
  }
}
