// The outbox worker's twin lookup (findTwins): rows with the same text for the same member whose
// latest try started inside the platform's repeat window. It runs before every text is sent, so
// it must find exactly those and read the Outbox only by index, on both databases: PostgreSQL
// indexes one-member rows and batch rows (a card's one row for up to 1,000 members) apart, and a
// lookup its planner cannot match to an index reads the whole table on every send.
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { driverOf } from '../../src/repositories/driver-sql.ts';
import { enqueue, findTwins, type ClaimedOutboxRow, type NewOutboxRow } from '../../src/repositories/outbox-repo.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { testingPostgres } from '../helpers/test-database.ts';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await t.close();
});

const NOW = new Date('2026-11-30T02:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const WINDOW_START = ago(240);
const HELP = `s:${'a'.repeat(64)}`;
const HELP_TO_MANY = `m:${'a'.repeat(64)}`;

function text(key: string, recipient: string, contentHash: string | undefined, orgId = 1): NewOutboxRow {
  return { orgId, channel: 'wecom', idempotencyKey: key, kind: 'text', recipient, payload: '{}', contentHash };
}

/** Enqueues the rows, then sets when each was last tried (the claim sets it in production). */
async function seed(rows: [row: NewOutboxRow, lastAttemptAt: Date | null][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) await enqueue(t.db, rows.slice(i, i + 400).map(([r]) => r), ago(600));
  for (const [r, at] of rows) if (at) await t.db.outbox.update({ where: { idempotencyKey: r.idempotencyKey }, data: { lastAttemptAt: at, status: 'sent', sentAt: at } });
}

async function sending(key: string, recipient: string, contentHash: string): Promise<ClaimedOutboxRow> {
  await seed([[text(key, recipient, contentHash), null]]);
  const { id } = await t.db.outbox.findUniqueOrThrow({ where: { idempotencyKey: key } });
  return {
    id, orgId: 1, channel: 'wecom', idempotencyKey: key, kind: 'text', recipient, payload: '{}', attempts: 1, createdAt: NOW,
    firstAttemptAt: NOW, maybeDelivered: false, unguarded: false, contentHash, priority: 1,
  };
}

const batchOf = (members: string[]) => members.join('|');

describe('findTwins', () => {
  it("finds the member's own recent twins and the batch rows with the text, nothing older, nobody else's", async () => {
    const others = Array.from({ length: 1_000 }, (_, i) => `deputy-with-a-long-enterprise-user-id-${String(i).padStart(4, '0')}`);
    await seed([
      [text('alice-recent', 'alice', HELP), ago(30)],
      [text('alice-old', 'alice', HELP), ago(300)], // before the window
      [text('alice-other-text', 'alice', `s:${'b'.repeat(64)}`), ago(10)],
      [text('bob-recent', 'bob', HELP), ago(5)],
      [text('alice-other-org', 'alice', HELP, 2), ago(5)],
      [text('card-to-many', batchOf(['carol', 'alice', ...others]), HELP_TO_MANY), ago(20)],
      [text('card-to-many-old', batchOf(['alice', 'dave']), HELP_TO_MANY), ago(500)],
    ]);
    const row = await sending('alice-now', 'alice', HELP);
    const found = await findTwins(t.db, row, WINDOW_START);
    expect(found.map((f) => f.recipient.split('|').slice(0, 2).join('|')).sort()).toEqual(['alice', 'carol|alice']);
    expect(found.find((f) => f.recipient === 'alice')?.lastAttemptAt).toEqual(ago(30));
  });

  it("a batch row's lookup finds every one-member row with the text and the other batch rows", async () => {
    await seed([
      [text('alice-recent', 'alice', HELP), ago(30)],
      [text('bob-recent', 'bob', HELP), ago(5)],
      [text('bob-old', 'bob', HELP), ago(300)],
      [text('card-earlier', batchOf(['carol', 'dave']), HELP_TO_MANY), ago(20)],
    ]);
    const row = await sending('card-now', batchOf(['alice', 'bob', 'carol']), HELP_TO_MANY);
    const found = await findTwins(t.db, row, WINDOW_START);
    expect(found.map((f) => f.recipient).sort()).toEqual(['alice', 'bob', 'carol|dave']);
  });

  it('reads the Outbox by index, never the whole table, with a year of history', async () => {
    const history: [NewOutboxRow, Date][] = [];
    for (let i = 0; i < 6_000; i++) {
      const member = `member${i % 300}`;
      const hash = `s:${String(i % 5).padStart(64, '0')}`;
      history.push([i % 100 === 0 ? text(`old-card-${i}`, batchOf([member, `member${i + 1}`]), `m:${String(i % 5).padStart(64, '0')}`) : text(`old-${i}`, member, hash), ago(600 + i * 60)]);
    }
    await seed(history);
    if (testingPostgres()) await t.db.$executeRawUnsafe('ANALYZE "Outbox"');
    const one = await sending('one-now', 'member7', `s:${'2'.padStart(64, '0')}`);
    const batch = await sending('batch-now', batchOf(['member7', 'member8']), `m:${'2'.padStart(64, '0')}`);

    for (const row of [one, batch]) {
      const statements = await statementsOf(() => findTwins(t.db, row, WINDOW_START));
      expect(statements).toHaveLength(1);
      const plan = await explain(statements[0]!);
      // Both halves of the UNION search an index; none reads the table (or an index) through.
      expect(plan.filter((line) => /^SEARCH Outbox USING (COVERING )?INDEX|^(Bitmap )?Index (Only )?Scan .*"Outbox/.test(line)), plan.join('\n')).toHaveLength(2);
      expect(plan.filter((line) => /^SCAN Outbox|Seq Scan on "Outbox"/.test(line)), plan.join('\n')).toEqual([]);
      // A member's own twins: the window bounds the index search, so their older rows are not read.
      if (row === one) expect(plan.join('\n')).toMatch(/recipient=\? AND lastAttemptAt>\?|Index Cond: .*\(recipient = [^)]+\) AND \("lastAttemptAt" >=/);
    }
  });
});

interface Statement {
  sql: string;
  values: unknown[];
}

/** The statements `work` sent to the database, as the driver received them. */
async function statementsOf(work: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  if (testingPostgres()) {
    const spy = vi.spyOn(pg.Pool.prototype, 'query').mockName('pool.query');
    await work();
    for (const [config] of spy.mock.calls as unknown as [{ text: string; values: unknown[] }][]) seen.push({ sql: config.text, values: config.values });
    spy.mockRestore();
  } else {
    const driver = driverOf(t.db)!;
    const spy = vi.spyOn(driver, 'prepare');
    await work();
    for (const [sql] of spy.mock.calls) seen.push({ sql, values: [] });
    spy.mockRestore();
  }
  return seen;
}

/** The plan's lines, each trimmed of its tree drawing. */
async function explain(s: Statement): Promise<string[]> {
  if (testingPostgres()) {
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      const result = await client.query(`EXPLAIN ${s.sql}`, s.values);
      return result.rows.map((r: Record<string, string>) => r['QUERY PLAN']!.replace(/^[\s>-]*/, ''));
    } finally {
      await client.end();
    }
  }
  // SQLite plans without the values (it keeps no statistics here): every parameter bound to NULL.
  const parameters = s.sql.match(/\?/g)?.length ?? 0;
  const rows = driverOf(t.db)!.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...Array(parameters).fill(null)) as { detail: string }[];
  return rows.map((r) => r.detail);
}
