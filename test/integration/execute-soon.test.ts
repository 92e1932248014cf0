// executeSoon: writes queued in one turn commit together; each caller still learns its own result.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeSoon } from '../../src/repositories/driver-sql.ts';
import { statementCount } from '../../src/repositories/prisma.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { testingPostgres } from '../helpers/test-database.ts';

describe('executeSoon', () => {
  let tdb: TestDb;
  beforeEach(async () => {
    tdb = await createTestDb();
    for (const code of ['a', 'b', 'c']) await tdb.db.organisation.create({ data: { code, name: code } });
  });
  afterEach(() => tdb.close());

  const rename = (code: string, name: string) => executeSoon(tdb.db)`UPDATE "Organisation" SET "name" = ${name} WHERE "code" = ${code}`;

  it('each caller gets the rows its own statement changed', async () => {
    const results = await Promise.all([rename('a', 'A'), rename('b', 'B'), rename('nobody', 'X')]);
    expect(results).toEqual([1, 1, 0]);
    expect((await tdb.db.organisation.findMany({ orderBy: { code: 'asc' } })).map((o) => o.name)).toEqual(['A', 'B', 'c']);
  });

  it('a statement that fails fails alone: the others of its turn still commit', async () => {
    const bad = executeSoon(tdb.db)`UPDATE "Organisation" SET "code" = ${'b'} WHERE "code" = ${'a'}`; // unique clash
    const good = rename('c', 'C');
    await expect(bad).rejects.toThrow();
    await expect(good).resolves.toBe(1);
    expect((await tdb.db.organisation.findUniqueOrThrow({ where: { code: 'c' } })).name).toBe('C');
    expect(await tdb.db.organisation.count({ where: { code: 'a' } })).toBe(1);
  });

  it.skipIf(testingPostgres())('on SQLite, runs nothing until the turn ends, then every queued statement', async () => {
    const before = statementCount();
    const pending = [rename('a', 'A1'), rename('b', 'B1')];
    expect(statementCount()).toBe(before);
    await Promise.all(pending);
    expect(statementCount()).toBeGreaterThanOrEqual(before + 2);
  });
});
