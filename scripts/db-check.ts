// npm run db:check (CI) — the two migration sets have not drifted: every SQLite migration after
// the baseline has its PostgreSQL twin and no twin is orphaned, and the committed PostgreSQL
// migrations build exactly the tables, columns, indexes and constraints of prisma/schema.prisma.
// (The SQLite set is checked the same way by test/integration/migrations-match-schema.test.ts.)
import { isDeepStrictEqual } from 'node:util';
import { withPgServer } from './lib/pg-server.ts';
import { compareWithSchema, missingTwins, orphanTwins } from './pg-migrations.ts';

const problems: string[] = [];
for (const name of missingTwins()) problems.push(`${name}: no PostgreSQL twin (run npm run db:pg-twins and commit it)`);
for (const name of orphanTwins()) problems.push(`prisma/postgres/migrations/${name}: no SQLite migration of that name`);
try {
  const { migrated, fromSchema } = await withPgServer(compareWithSchema);
  if (!isDeepStrictEqual(migrated, fromSchema)) {
    for (const part of Object.keys(fromSchema)) {
      const a = JSON.stringify(migrated[part]);
      const b = JSON.stringify(fromSchema[part]);
      if (a !== b) {
        const want = (fromSchema[part] as unknown[]).map((r) => JSON.stringify(r));
        const got = new Set((migrated[part] as unknown[]).map((r) => JSON.stringify(r)));
        const have = new Set(want);
        for (const r of want) if (!got.has(r)) problems.push(`PostgreSQL migrations lack ${part} ${r}`);
        for (const r of got) if (!have.has(r)) problems.push(`PostgreSQL migrations have extra ${part} ${r}`);
      }
    }
  }
} catch (err) {
  problems.push(`could not build the PostgreSQL schema: ${(err as Error).message}`);
}
for (const p of problems) console.error(p);
if (problems.length) process.exit(1);
console.log('PostgreSQL migrations match prisma/schema.prisma and every SQLite migration has its twin');
