// npm run db:migration -- NAME
// Writes prisma/migrations/<timestamp>_<NAME>/migration.sql with the SQL that moves the schema
// of the last commit to the schema in the working tree, and its PostgreSQL twin under the same
// name in prisma/postgres/migrations (see scripts/pg-twins.ts). Review both, then commit them
// with the schema, one migration per commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withPgServer } from './lib/pg-server.ts';
import { diffPgSql, diffSql, isEmptySql } from './schema-sql.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- NAME   (NAME: lowercase letters, digits and _)');
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'migration-'));
try {
  const previousText = execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' });
  const previous = join(scratch, 'previous.prisma');
  writeFileSync(previous, previousText);
  const sql = diffSql(previous, 'prisma/schema.prisma');
  if (isEmptySql(sql)) {
    console.log('the schema has not changed since the last commit: no migration written');
    process.exit(0);
  }
  const pgSql = await withPgServer((url) => diffPgSql(previousText, readFileSync('prisma/schema.prisma', 'utf8'), url));
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  for (const [root, text] of [[join('prisma', 'migrations'), sql], [join('prisma', 'postgres', 'migrations'), pgSql]] as const) {
    const dir = join(root, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'migration.sql'), text);
    console.log(`wrote ${join(dir, 'migration.sql')}`);
  }
} catch (err) {
  console.error(`db:migration failed: ${(err as Error).message}`);
  process.exit(1);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
