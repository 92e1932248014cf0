// npm run bench:queues -- [--old 500000] [--runs 30] [--keep] [--help]
//
// How the queue queries behave as history piles up (rule R6 keeps rows, only their payloads
// are erased): measures the inbound claim, the outbox claim, the outbox per-member recent-sends
// query and the notices' duePlanned — plus, for information, the other queries the workers and
// /metrics run each minute — on two SQLite files with the same live rows, one with no history
// and one with --old rows of history in each queue table (InboundEvent, Outbox, Notice). Each
// query runs through the real repository function (WAL, as in production, no ANALYZE), the two
// files taking turns run by run so that load from elsewhere on the machine falls on both alike;
// the table shows the median and the 95th percentile of --runs runs each, then EXPLAIN QUERY
// PLAN of the SQL that ran on the file with history.
//
// Exit code: 0 when the run completed, 1 when it broke, 2 for a bad command line.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { PrismaClient } from '../src/generated/prisma/client.ts';
import { claimDueEvents, inboundBacklog } from '../src/repositories/inbound-repo.ts';
import { migrate } from '../src/repositories/migrate.ts';
import { duePlanned, markMissed, queuedBatches } from '../src/repositories/notice-repo.ts';
import { claimDueRows, findTwins, oldestPendingAgeSeconds, outboxRowsByStatus, recentSends, type ClaimedOutboxRow } from '../src/repositories/outbox-repo.ts';
import type { Db } from '../src/repositories/prisma.ts';
import { eraseInboundPayloads, eraseOutboxPayloads } from '../src/repositories/retention-repo.ts';
import { member, seedBase, seedLive, seedOld, twinHash } from './bench/queue-seed.ts';

const USAGE = 'usage: npm run bench:queues -- [--old 500000] [--runs 30] [--keep]';
/** A fixed instant: Monday 2026-11-30 10:00 Shanghai. */
const NOW = new Date('2026-11-30T02:00:00Z');

interface Query {
  name: string;
  /** Shown in the table: the four queries the issue names; the rest are informative. */
  claim: boolean;
  run(db: Db): Promise<unknown>;
  /** Puts back what run changed (not timed). */
  reset?(raw: Database.Database): void;
}

const RECIPIENTS = Array.from({ length: 50 }, (_, i) => member(i * 7));

/** A text to member 7 being sent now, whose member has had the same text many times before. */
const TWIN_CANDIDATE: ClaimedOutboxRow = {
  id: 0, orgId: 1, channel: 'wecom', idempotencyKey: 'twin-candidate', kind: 'text', recipient: member(7), payload: '{}', attempts: 1,
  createdAt: NOW, firstAttemptAt: NOW, maybeDelivered: false, unguarded: false, contentHash: twinHash(2), priority: 1,
};
/** WeCom's duplicate check looks back at most 4 hours (the longest window the worker allows for). */
const TWIN_WINDOW_MS = 4 * 3_600_000;

const QUERIES: Query[] = [
  {
    name: 'inbound claim (100 due)',
    claim: true,
    run: (db) => claimDueEvents(db, NOW, 100, 60_000),
    reset: (raw) => void raw.prepare(`UPDATE "InboundEvent" SET "status" = 'pending', "attempts" = 0, "lockedUntil" = NULL WHERE "status" = 'processing'`).run(),
  },
  {
    name: 'outbox claim (50 of 200 due)',
    claim: true,
    run: (db) => claimDueRows(db, NOW, 50, 60_000),
    reset: (raw) => void raw.prepare(`UPDATE "Outbox" SET "status" = 'pending', "attempts" = 0, "lockedUntil" = NULL WHERE "status" = 'sending'`).run(),
  },
  {
    // The claim when only the slots kept for conversations are free (no conversation row due).
    name: 'outbox claim, conversation slots only (none due)',
    claim: true,
    run: (db) => claimDueRows(db, NOW, 2, 60_000, 0),
  },
  { name: 'outbox recent sends (50 members)', claim: true, run: (db) => recentSends(db, 1, 'wecom', RECIPIENTS, new Date(NOW.getTime() - 60_000)) },
  { name: 'outbox twins of a member\'s text', claim: true, run: (db) => findTwins(db, TWIN_CANDIDATE, new Date(NOW.getTime() - TWIN_WINDOW_MS)) },
  { name: 'notice duePlanned (300 due)', claim: true, run: (db) => duePlanned(db, NOW) },
  { name: 'notice markMissed (none)', claim: false, run: (db) => markMissed(db, new Date(NOW.getTime() - 86_400_000)) },
  { name: 'notice queuedBatches (none)', claim: false, run: (db) => queuedBatches(db) },
  { name: '/metrics: outbox rows by status', claim: false, run: (db) => outboxRowsByStatus(db) },
  { name: '/metrics: oldest pending age', claim: false, run: (db) => oldestPendingAgeSeconds(db, NOW) },
  { name: '/metrics: inbound backlog', claim: false, run: (db) => inboundBacklog(db) },
  { name: '/metrics: calendar warnings', claim: false, run: (db) => db.outbox.count({ where: { idempotencyKey: { gte: 'calendar-warning|', lt: 'calendar-warning}' } } }) },
  { name: 'retention: erase ≤500 inbound payloads', claim: false, run: (db) => eraseInboundPayloads(db, new Date(NOW.getTime() - 30 * 86_400_000), NOW, 500) },
  { name: 'retention: erase ≤500 outbox payloads', claim: false, run: (db) => eraseOutboxPayloads(db, new Date(NOW.getTime() - 30 * 86_400_000), NOW, 500) },
];

interface Timing {
  median: number;
  p95: number;
}

interface Captured {
  sql: string;
  params: unknown[];
}

function parseOptions(): { old: number; runs: number; keep: boolean } | undefined {
  const { values } = parseArgs({ options: { old: { type: 'string', default: '500000' }, runs: { type: 'string', default: '30' }, keep: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) return undefined;
  const old = Number(values.old);
  const runs = Number(values.runs);
  if (!Number.isInteger(old) || old < 0 || !Number.isInteger(runs) || runs < 1) throw new Error('--old and --runs must be whole numbers (--runs at least 1)');
  return { old, runs, keep: !!values.keep };
}

interface Bench {
  db: Db;
  raw: Database.Database;
  path: string;
  log: Captured[];
}

async function open(dir: string, name: string): Promise<Bench> {
  const path = join(dir, `${name}.db`);
  migrate(`file:${path}`);
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  const log: Captured[] = [];
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${path}` }), log: [{ emit: 'event', level: 'query' }] });
  // As the adapter binds them: booleans as 0/1 (better-sqlite3 binds no booleans).
  db.$on('query', (e) => log.push({ sql: e.query, params: (JSON.parse(e.params) as unknown[]).map((p) => (typeof p === 'boolean' ? Number(p) : p)) }));
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return { db, raw, path, log };
}

async function timeOnce(b: Bench, q: Query): Promise<number> {
  const start = performance.now();
  await q.run(b.db);
  const elapsed = performance.now() - start;
  q.reset?.(b.raw);
  return elapsed;
}

const summary = (times: number[]): Timing => {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! };
};

/** Runs the query on both files in turn: warm-up runs first, then `runs` timed runs each. */
async function measurePair(empty: Bench, full: Bench, q: Query, runs: number): Promise<[Timing, Timing]> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = -10; i < runs; i++) {
    const ta = await timeOnce(empty, q);
    const tb = await timeOnce(full, q);
    if (i >= 0) a.push(ta), b.push(tb);
  }
  return [summary(a), summary(b)];
}

/**
 * The same statements straight through better-sqlite3, without Prisma: what the database itself
 * spends, the files taking turns again (`runs` × 4 runs each, the query's reset in between).
 */
function measureSql(empty: Bench, full: Bench, q: Query, sql: Captured[], runs: number): [number, number] {
  const times: [number[], number[]] = [[], []];
  const statements = [empty, full].map((b) => sql.map((c) => ({ stmt: b.raw.prepare(c.sql), params: c.params as never[] })));
  for (let i = -10; i < runs * 4; i++) {
    [empty, full].forEach((b, k) => {
      const start = performance.now();
      for (const { stmt, params } of statements[k]!) void (stmt.reader ? stmt.all(...params) : stmt.run(...params));
      const elapsed = performance.now() - start;
      q.reset?.(b.raw);
      if (i >= 0) times[k]!.push(elapsed);
    });
  }
  return [summary(times[0]).median, summary(times[1]).median];
}

/** Runs each query once with the query log on, to keep the SQL it sent. */
async function captureSql(b: Bench): Promise<Map<string, Captured[]>> {
  const byQuery = new Map<string, Captured[]>();
  for (const q of QUERIES) {
    b.log.length = 0;
    await q.run(b.db);
    q.reset?.(b.raw);
    byQuery.set(q.name, b.log.filter((c) => !/^(BEGIN|COMMIT|PRAGMA)/i.test(c.sql)).map((c) => ({ ...c })));
  }
  return byQuery;
}

function plan(raw: Database.Database, c: Captured): string[] {
  const rows = raw.prepare(`EXPLAIN QUERY PLAN ${c.sql}`).all(...(c.params as never[])) as { id: number; parent: number; detail: string }[];
  const depth = new Map<number, number>([[0, 0]]);
  return rows.map((r) => {
    const d = (depth.get(r.parent) ?? 0) + 1;
    depth.set(r.id, d);
    return `${'  '.repeat(d)}${r.detail}`;
  });
}

const ms = (x: number) => x.toFixed(2);

async function main(): Promise<number> {
  let options;
  try {
    options = parseOptions();
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!options) {
    console.log(USAGE);
    return 0;
  }
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-queues-'));
  const empty = await open(dir, 'empty');
  const full = await open(dir, 'history');
  try {
    for (const b of [empty, full]) {
      seedBase(b.raw);
      seedLive(b.raw, NOW, RECIPIENTS);
    }
    process.stderr.write(`seeding ${options.old.toLocaleString('en-US')} old rows per queue table…\n`);
    const seedStart = performance.now();
    seedOld(full.raw, NOW, options.old);
    full.raw.pragma('wal_checkpoint(TRUNCATE)');
    process.stderr.write(`seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s; database ${(statSync(full.path).size / 1e6).toFixed(0)} MB\n`);
    const timings = new Map<string, [Timing, Timing]>();
    for (const q of QUERIES) timings.set(q.name, await measurePair(empty, full, q, options.runs));
    const sql = await captureSql(full);
    const sqlTimings = new Map(QUERIES.map((q) => [q.name, measureSql(empty, full, q, sql.get(q.name) ?? [], options.runs)] as const));
    report(options, timings, sqlTimings, sql, full.raw);
    return 0;
  } finally {
    for (const b of [empty, full]) {
      await b.db.$disconnect();
      b.raw.close();
    }
    if (options.keep) console.log(`\n(databases kept in ${dir})`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

function report(
  options: { old: number; runs: number }, timings: Map<string, [Timing, Timing]>, sqlTimings: Map<string, readonly [number, number]>,
  sql: Map<string, Captured[]>, raw: Database.Database,
): void {
  const old = options.old.toLocaleString('en-US');
  console.log(`\n| query | 0 old rows: median / p95 ms | ${old} old rows: median / p95 ms | ratio | SQL alone, 0 → ${old} old rows: median ms |`);
  console.log('|---|---:|---:|---:|---:|');
  for (const q of QUERIES) {
    const [a, b] = timings.get(q.name)!;
    const [sa, sb] = sqlTimings.get(q.name)!;
    const name = q.claim ? `**${q.name}**` : q.name;
    console.log(`| ${name} | ${ms(a.median)} / ${ms(a.p95)} | ${ms(b.median)} / ${ms(b.p95)} | ${(b.median / a.median).toFixed(2)} | ${ms(sa)} → ${ms(sb)} |`);
  }
  console.log(`\n${options.runs} runs on each file after 10 warm-up runs, the files taking turns; through the repository functions (Prisma, SQLite WAL, no ANALYZE).`);
  console.log(`"SQL alone": the statements Prisma sent, run through better-sqlite3 (${options.runs * 4} runs on each file, taking turns): the database's own share.`);
  console.log(`Machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), Node ${process.version}, ${os.platform()} ${os.release()}.`);
  console.log('Live rows at each measurement: 100 inbound events due, 200 outbox rows due, 250 messages sent in the last minute to the 50 members, 300 notices due and 2,000 planned.');
  console.log(`\nEXPLAIN QUERY PLAN with ${old} old rows:`);
  for (const q of QUERIES) {
    console.log(`\n${q.name}`);
    for (const c of sql.get(q.name) ?? []) for (const line of plan(raw, c)) console.log(line);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
