// Backups of the bot's database and restoring one into a fresh database.
// - SQLite: the online backup API (better-sqlite3's db.backup), consistent while the bot runs
//   and writes (WAL); the backup is itself a SQLite file, restored by copying it into place.
// - PostgreSQL: pg_dump's custom format (consistent: one snapshot), restored with pg_restore
//   into an empty database (--no-owner: the restoring role owns what it creates).
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { dialectOfUrl } from '../../src/repositories/dialect.ts';
import { sqlitePath } from '../../src/repositories/prisma.ts';

const run = promisify(execFile);

export class BackupError extends Error {}

export function defaultBackupFile(databaseUrl: string, at: Date): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  return `backups/bot-${stamp}.${dialectOfUrl(databaseUrl) === 'postgres' ? 'dump' : 'db'}`;
}

export async function backupDatabase(databaseUrl: string, file: string): Promise<{ bytes: number }> {
  if (existsSync(file)) throw new BackupError(`${file} exists already: choose another --out`);
  mkdirSync(dirname(file), { recursive: true });
  if (dialectOfUrl(databaseUrl) === 'postgres') {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${databaseUrl}`]).catch((err: Error & { stderr?: string }) => {
      throw new BackupError(`pg_dump failed: ${(err.stderr || err.message).trim().split('\n')[0]}`);
    });
  } else {
    const path = sqlitePath(databaseUrl);
    if (!existsSync(path)) throw new BackupError(`no database at ${path}`);
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      await db.backup(file);
    } finally {
      db.close();
    }
  }
  return { bytes: statSync(file).size };
}

/** Restores a backup into a database that must not hold any table yet (nothing is overwritten). */
export async function restoreDatabase(file: string, databaseUrl: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`no backup at ${file}`);
  if (dialectOfUrl(databaseUrl) === 'postgres') {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`);
      if (rows[0].n > 0) throw new BackupError('the target database is not empty: restore into a new, empty database');
    } finally {
      await client.end();
    }
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${databaseUrl}`, file]).catch((err: Error & { stderr?: string }) => {
      throw new BackupError(`pg_restore failed: ${(err.stderr || err.message).trim().split('\n')[0]}`);
    });
    return;
  }
  const path = sqlitePath(databaseUrl);
  if (existsSync(path)) throw new BackupError(`${path} exists already: restore to a new file`);
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(file, path);
}
