// npm run db:migration -- NAME
// Writes prisma/migrations/<timestamp>_<NAME>/migration.sql with the SQL that moves the schema
// of the last commit to the schema in the working tree. Review it, then commit both.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSql } from './schema-sql.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:migration -- NAME   (NAME: lowercase letters, digits and _)');
  process.exit(2);
}
const scratch = mkdtempSync(join(tmpdir(), 'migration-'));
try {
  const previous = join(scratch, 'previous.prisma');
  writeFileSync(previous, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { encoding: 'utf8' }));
  const sql = diffSql(previous, 'prisma/schema.prisma');
  if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
    console.log('the schema has not changed since the last commit: no migration written');
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join('prisma', 'migrations', `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), sql);
  console.log(`wrote ${join(dir, 'migration.sql')}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
