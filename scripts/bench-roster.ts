// npm run bench:roster -- [--rows 10000,100000] [--db sqlite,postgres]
//
// Roster import at province scale (issue 14: 10,000 rows < 3 s, 100,000 rows < 30 s), on a SQLite
// file and on a throwaway PostgreSQL server started for the run (or PG_URL). Each case runs in a
// fresh process on a fresh database: the first import of the file (everyone new), then a second
// file (every 10th level and every 25th station role changed, every 100th person gone, 1 % new),
// then its preview again. Times are the service's importRoster/previewRoster (file read,
// validation, diff, writes); RSS is the process's peak so far. Prints a table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { connectDb } from '../src/repositories/prisma.ts';
import { importRoster, previewRoster } from '../src/services/roster/roster-service.ts';
import { provinceRoster } from './bench/province-roster.ts';
import { freshDatabase, startPgCluster, type PgCluster } from './lib/pg-cluster.ts';

const TARGET_S: Record<number, number> = { 10_000: 3, 100_000: 30 };

interface Result {
  phase: string;
  rows: number;
  seconds: number;
  rssMb: number;
  summary: string;
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000,100000' },
    db: { type: 'string', default: 'sqlite,postgres' },
    child: { type: 'string' },
    url: { type: 'string' },
  },
});

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** The child: one database, one size; prints its results as one JSON line. */
async function child(rows: number, url: string): Promise<void> {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-roster-'));
  const file = (name: string, revision: boolean) => {
    const lines = provinceRoster({ deputies: Math.ceil(rows / 1.05) + 1, stations: Math.ceil(rows * 0.15), revision }).slice(0, rows + 1);
    const path = join(dir, name);
    writeFileSync(path, '\uFEFF' + lines.join('\n') + '\n');
    return path;
  };
  const first = file('first.csv', false);
  const second = file('second.csv', true);
  await migrateDatabase(url);
  const db = await connectDb(url);
  const results: Result[] = [];
  const timed = async (phase: string, work: () => Promise<{ created: number; updated: number; unchanged: number; outsideRoster: number; errors: unknown[] }>) => {
    const t0 = performance.now();
    const r = await work();
    const seconds = (performance.now() - t0) / 1000;
    results.push({ phase, rows, seconds, rssMb: rssMb(), summary: `new ${r.created}, updated ${r.updated}, unchanged ${r.unchanged}, left ${r.outsideRoster}, errors ${r.errors.length}` });
  };
  try {
    await timed('first import', () => importRoster(db, { orgCode: 'province', orgName: '某省人大常委会', file: first }));
    await timed('re-import, changes', () => importRoster(db, { orgCode: 'province', file: second }));
    await timed('preview, unchanged', async () => {
      const p = await previewRoster(db, { orgCode: 'province', file: second });
      return { ...p.report, outsideRoster: p.left.length };
    });
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(results));
}

function runCase(rows: number, url: string): Result[] {
  const out = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', String(rows), '--url', url], { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, LOG_LEVEL: 'warn' } });
  if (out.status !== 0) throw new Error(`case ${rows} rows on ${url} failed:\n${out.stderr.slice(-3000)}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Result[];
}

const load = () => os.loadavg()[0]!.toFixed(1);
const fmt = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  const sizes = values.rows.split(',').map(Number);
  const dbs = values.db.split(',');
  let cluster: PgCluster | undefined;
  const table = ['| database | rows | phase | seconds | rows/s | RSS peak MB | load (1 min) | target | result |', '|---|---:|---|---:|---:|---:|---:|---|---|'];
  try {
    for (const dbName of dbs) {
      let server: string | undefined;
      if (dbName === 'postgres') server = process.env.PG_URL ?? (cluster ??= await startPgCluster()).url;
      for (const rows of sizes) {
        const dir = mkdtempSync(join(os.tmpdir(), 'bench-roster-db-'));
        const url = server ? await freshDatabase(server, `bench_roster_${rows}`) : `file:${join(dir, 'bench.db')}`;
        const before = load();
        console.error(`[bench:roster] ${dbName}, ${fmt(rows)} rows (load ${before}) …`);
        try {
          for (const r of runCase(rows, url)) {
            const target = r.phase === 'first import' && TARGET_S[rows] ? `< ${TARGET_S[rows]} s` : '';
            const met = target ? (r.seconds < TARGET_S[rows]! ? 'PASS' : 'FAIL') : '';
            table.push(`| ${dbName} | ${fmt(r.rows)} | ${r.phase} (${r.summary}) | ${r.seconds.toFixed(2)} | ${fmt(Math.round(r.rows / r.seconds))} | ${r.rssMb} | ${before}→${load()} | ${target} | ${met} |`);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    cluster?.stop();
  }
  console.log(table.join('\n'));
  console.log(`\nMachine: ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), Node ${process.version}; ${execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()}.`);
}

if (values.child) await child(Number(values.child), values.url!);
else await main();
