// npm run db:pg-twins — writes prisma/postgres/migrations/<name>/migration.sql for every SQLite
// migration after the baseline that has no PostgreSQL twin yet (a migration merged from a
// branch that wrote only the SQLite one). Review, then commit. Uses PG_URL, a postgresql://
// DATABASE_URL, or a throwaway cluster (prisma's diff wants a server to connect to).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PG_MIGRATIONS_DIR } from '../src/repositories/migrate.ts';
import { withPgServer } from './lib/pg-server.ts';
import { missingTwins, twinSql } from './pg-migrations.ts';
import { isEmptySql } from './schema-sql.ts';

const missing = missingTwins();
if (missing.length === 0) {
  console.log('every SQLite migration has its PostgreSQL twin');
  process.exit(0);
}
try {
  await withPgServer(async (url) => {
    for (const name of missing) {
      const sql = twinSql(name, url);
      const dir = join(PG_MIGRATIONS_DIR, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'migration.sql'), isEmptySql(sql) ? '-- no change on PostgreSQL\nSELECT 1;\n' : sql);
      console.log(`wrote ${join('prisma/postgres/migrations', name, 'migration.sql')}`);
    }
  });
} catch (err) {
  console.error(`db:pg-twins failed: ${(err as Error).message}`);
  process.exit(1);
}
