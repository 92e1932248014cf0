// The restore drill: back up the database while the bot runs (npm run db:backup), restore it
// into a fresh database (npm run db:restore), start the bot there and read the data back. On
// SQLite by default, on PostgreSQL (pg_dump / pg_restore) with TEST_DATABASE=postgres.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { addPerson } from '../helpers/seed.ts';
import { createEmptyPgDatabase, dropPgDatabase, testingPostgres } from '../helpers/test-database.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

async function script(name: string, args: string[], databaseUrl: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs(name, ...args), {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
    });
    return { code: 0, out: (stdout + stderr).trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: (e.stdout + e.stderr).trim() };
  }
}

let source: TestBot;
let restored: TestBot | undefined;
let target: string;
const backup = () => join(source.dir, testingPostgres() ? 'drill.dump' : 'drill.db');

beforeAll(async () => {
  source = await startTestBot();
  await addPerson(source.bot.db, source.bot.orgId, { name: '张三', mobile: '13800000001', wecom: 'zhangsan', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
  target = testingPostgres() ? await createEmptyPgDatabase() : `file:${join(source.dir, 'restored', 'bot.db')}`;
});

afterAll(async () => {
  await restored?.stop();
  if (testingPostgres()) await dropPgDatabase(target);
  await source.stop();
});

describe('backup and restore drill', () => {
  it('backs up while the bot runs, restores into a fresh database, and the bot starts there and reads the data', { timeout: 120_000 }, async () => {
    const made = await script('db:backup', ['--out', backup()], source.bot.config.databaseUrl);
    expect(made).toMatchObject({ code: 0 });
    expect(made.out).toMatch(/^backed up to .*drill\.(dump|db) \(\d+ bytes\)$/);

    expect(await script('db:restore', [backup()], target)).toEqual({ code: 0, out: `restored ${backup()}` });

    restored = await startTestBot({ env: { DATABASE_URL: target } });
    const people = await restored.bot.db.person.findMany({ select: { name: true, mobile: true } });
    expect(people).toEqual([{ name: '张三', mobile: '13800000001' }]);
    const ready = await fetch(`${restored.bot.url}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('refuses to restore over a database that holds data, and to overwrite a backup', { timeout: 120_000 }, async () => {
    const again = await script('db:restore', [backup()], target);
    expect(again.code).toBe(1);
    expect(again.out.split('\n')).toHaveLength(1);
    expect(again.out).toMatch(/not empty|exists already/);
    const twice = await script('db:backup', ['--out', backup()], source.bot.config.databaseUrl);
    expect(twice).toEqual({ code: 1, out: `${backup()} exists already: choose another --out` });
  });
});
