// The committed migrations must build exactly the schema in prisma/schema.prisma: a change
// to the schema without its migration (or the reverse) fails here, not in production.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/repositories/migrate.ts';
import { diffSql } from '../../scripts/schema-sql.ts';

const dir = mkdtempSync(join(tmpdir(), 'schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function describeSchema(file: string) {
  const db = new Database(file, { readonly: true });
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name <> '_app_migrations' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  const shape = Object.fromEntries(
    tables.map((t) => [
      t,
      {
        // ALTER TABLE .. ADD COLUMN appends, so positions differ while the columns agree.
        columns: (db.prepare(`PRAGMA table_info("${t}")`).all() as { cid: number; name: string }[])
          .map(({ cid: _, ...c }) => c)
          .sort((a, b) => a.name.localeCompare(b.name)),
        indexes: (db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number }[])
          .map((i) => ({ unique: i.unique, columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name) }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
        foreignKeys: db.prepare(`PRAGMA foreign_key_list("${t}")`).all(),
      },
    ]),
  );
  db.close();
  return shape;
}

describe('migrations', () => {
  it('build the same database as prisma/schema.prisma', () => {
    const migrated = join(dir, 'migrated.db');
    migrate(`file:${migrated}`);
    const fromSchema = join(dir, 'schema.db');
    const db = new Database(fromSchema);
    db.exec(diffSql('empty', 'prisma/schema.prisma'));
    db.close();
    expect(describeSchema(migrated)).toEqual(describeSchema(fromSchema));
  });

  it('apply once: a second run applies nothing', () => {
    const url = `file:${join(dir, 'twice.db')}`;
    expect(migrate(url).applied.length).toBeGreaterThan(0);
    expect(migrate(url)).toMatchObject({ applied: [] });
  });
});
