// The bulk writer's placeholders: SQLite gets the rows as one JSON parameter, PostgreSQL one typed array per
// column (unnest, as array literal text) and dates as UTC text, so a row source reads the same way on both.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { chunks, SqlArgs } from '../../../src/repositories/bulk-sql.ts';

// pg's own conversion of a parameter (what it sends for a JS array).
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (value: unknown) => unknown };

describe('bulk SQL row sources', () => {
  const rows = [[1, 'a', new Date('2026-11-23T02:00:00Z')], [2, 'b', null]];

  it('SQLite: the rows as one JSON array read by json_each, dates as the adapter stores them', () => {
    const a = new SqlArgs('sqlite');
    const sql = `SELECT ${a.add(7, 'int')}, v.* FROM (${a.rows(rows, ['int', 'text', 'timestamp'])}) AS v`;
    expect(sql).toBe('SELECT ?, v.* FROM (SELECT value ->> 0 AS column1, value ->> 1 AS column2, value ->> 2 AS column3 FROM json_each(?)) AS v');
    expect(a.params).toEqual([7, '[[1,"a","2026-11-23T02:00:00.000+00:00"],[2,"b",null]]']);
  });

  it('SQLite: the same statement text for any number of rows (one prepared statement, not one per count)', () => {
    const texts = [1, 2, 500].map((n) => new SqlArgs('sqlite').rows(Array.from({ length: n }, (_, i) => [i, 'x']), ['int', 'text']));
    expect(new Set(texts).size).toBe(1);
  });

  it('PostgreSQL: one typed array per column named column1…, dates as UTC text whatever the zone', () => {
    const a = new SqlArgs('postgres');
    const sql = `SELECT ${a.add(new Date('2026-11-23T02:00:00Z'), 'timestamp')}, v.* FROM (${a.rows(rows, ['int', 'text', 'timestamp'])}) AS v`;
    expect(sql).toBe('SELECT $1::timestamp(3), v.* FROM (SELECT * FROM unnest($2::integer[], $3::text[], $4::timestamp(3)[]) AS u(column1, column2, column3)) AS v');
    expect(a.params).toEqual(['2026-11-23T02:00:00.000Z', '{"1","2"}', '{"a","b"}', '{"2026-11-23T02:00:00.000Z",NULL}']);
  });

  it('PostgreSQL: each column is the array literal pg itself would send for it (quotes, backslashes, NULL, booleans)', () => {
    const tricky = [[1, 'say "hi"', true, 'C:\\dir'], [2, null, false, undefined], [3, '张伟,{x}', null, '']];
    const a = new SqlArgs('postgres');
    a.rows(tricky, ['int', 'text', 'boolean', 'text']);
    const asPg = (i: number) => prepareValue(tricky.map((row) => row[i] ?? null));
    expect(a.params).toEqual([0, 1, 2, 3].map(asPg));
  });

  it('chunks keeps every item once, in order', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 3)).toEqual([]);
  });
});
