// Applies the committed migrations (prisma/migrations/*/migration.sql) once each, in order,
// each in its own transaction, recording name and checksum. Used at start-up and by
// `npm run db:migrate`. (`prisma migrate deploy` needs the schema engine; this does not.)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_BUSY_TIMEOUT_MS, sqlitePath } from './prisma.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'prisma', 'migrations');

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
