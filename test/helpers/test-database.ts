// The database a test gets: a SQLite file in its folder, or with TEST_DATABASE=postgres a
// database of its own on the run's PostgreSQL server (test/helpers/pg-global-setup.ts), copied
// from the migrated template. A folder remembers its PostgreSQL database (database-url), so a
// bot restarted on the same folder finds the same data.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { databaseUrl } from '../../scripts/lib/pg-cluster.ts';

export const TEMPLATE_DB = 'bot_test_template';

export function testingPostgres(): boolean {
  return process.env.TEST_DATABASE === 'postgres';
}

function server(): string {
  const url = process.env.TEST_PG_SERVER;
  if (!url) throw new Error('TEST_DATABASE=postgres but no server: run through test/vitest.config.ts (its globalSetup starts one)');
  return url;
}

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: server() });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

let counter = 0;

/** A fresh migrated PostgreSQL database; returns its URL. */
export async function createPgDatabase(): Promise<string> {
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`));
  return databaseUrl(server(), name);
}

export async function dropPgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/**
 * The DATABASE_URL for a test folder: its SQLite file, or its PostgreSQL database (made on
 * first use and remembered in the folder).
 */
export async function databaseUrlFor(dir: string, file = 'bot.db'): Promise<string> {
  if (!testingPostgres()) return `file:${join(dir, file)}`;
  const marker = join(dir, `${file}.database-url`);
  if (existsSync(marker)) return readFileSync(marker, 'utf8').trim();
  const url = await createPgDatabase();
  writeFileSync(marker, url);
  return url;
}

/** Drops the folder's PostgreSQL database, if it has one. */
export async function dropDatabaseFor(dir: string, file = 'bot.db'): Promise<void> {
  const marker = join(dir, `${file}.database-url`);
  if (testingPostgres() && existsSync(marker)) await dropPgDatabase(readFileSync(marker, 'utf8').trim());
}

/** A new PostgreSQL database with nothing in it (not even migrations): a restore target. */
export async function createEmptyPgDatabase(): Promise<string> {
  const name = `e_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0`));
  return databaseUrl(server(), name);
}
