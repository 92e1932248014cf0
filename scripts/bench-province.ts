// npm run bench:province -- [--deputies 100000] [--stations 15000] [--db sqlite,postgres]
//
// Province simulation (issue 14: 100,000 deputies, 15,000 stations, a month of reception days
// planned and their notices queued in < 60 s, on both databases). On a SQLite file and on a
// throwaway PostgreSQL server started for the run (or PG_URL), each in a fresh process:
//   1. the province roster is imported (deputies of the five levels, 50 to a group, spread over
//      the stations; scripts/bench/province-roster.ts) — the roster import service;
//   2. the scheduler's reception sync runs once (syncReceptionDays, what the tick calls): every
//      station's next reception day is planned (rule R1, the default rule: the first Tuesday),
//      its duty deputies drawn (R2), its 接待选民 activity created and its notices queued (A4).
// The clock is fixed at Monday 2026-11-23 10:00 Shanghai, so "a month" is December's day.
// Prints a table: step, seconds, rows written, RSS peak, the load average before → after.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { connectDb, type Db } from '../src/repositories/prisma.ts';
import { syncReceptionDays } from '../src/services/reception/reception-activities.ts';
import { importRoster } from '../src/services/roster/roster-service.ts';
import { provinceCsv } from './bench/province-roster.ts';
import { freshDatabase, startPgCluster, type PgCluster } from './lib/pg-cluster.ts';

const NOW = new Date('2026-11-23T02:00:00Z');
const TARGET_S = 60;

const { values } = parseArgs({
  options: {
    deputies: { type: 'string', default: '100000' },
    stations: { type: 'string', default: '15000' },
    db: { type: 'string', default: 'sqlite,postgres' },
    child: { type: 'boolean', default: false },
    url: { type: 'string' },
  },
});

interface Step {
  step: string;
  seconds: number;
  rows: string;
  rssMb: number;
}

async function counts(db: Db) {
  const [people, units, days, duties, activities, invitees, notices] = await Promise.all([
    db.person.count(), db.unit.count(), db.receptionOccurrence.count(), db.receptionDuty.count(),
    db.activity.count(), db.activityInvitee.count(), db.notice.count({ where: { status: 'planned' } }),
  ]);
  return { people, units, days, duties, activities, invitees, notices };
}

async function child(url: string): Promise<void> {
  const deputies = Number(values.deputies);
  const stations = Number(values.stations);
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-province-'));
  const file = join(dir, 'province.csv');
  writeFileSync(file, provinceCsv({ deputies, stations }));
  await migrateDatabase(url);
  const db = await connectDb(url);
  const steps: Step[] = [];
  const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
  try {
    let t0 = performance.now();
    const report = await importRoster(db, { orgCode: 'province', orgName: '某省人大常委会', file, now: NOW });
    const c1 = await counts(db);
    steps.push({ step: 'roster import', seconds: (performance.now() - t0) / 1000, rows: `${c1.people.toLocaleString('en-US')} people, ${c1.units.toLocaleString('en-US')} units (${report.created} new)`, rssMb: rssMb() });
    t0 = performance.now();
    const created = await syncReceptionDays(db, NOW);
    const c2 = await counts(db);
    steps.push({
      step: 'reception days planned, notices queued',
      seconds: (performance.now() - t0) / 1000,
      rows: `${c2.days.toLocaleString('en-US')} days, ${c2.duties.toLocaleString('en-US')} duties, ${created.toLocaleString('en-US')} activities, ${c2.invitees.toLocaleString('en-US')} invitees, ${c2.notices.toLocaleString('en-US')} notices`,
      rssMb: rssMb(),
    });
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(steps));
}

const load = () => os.loadavg()[0]!.toFixed(1);

async function main(): Promise<void> {
  let cluster: PgCluster | undefined;
  const table = ['| database | step | seconds | rows | RSS peak MB | load (1 min) |', '|---|---|---:|---|---:|---:|'];
  const totals: string[] = [];
  try {
    for (const name of values.db.split(',')) {
      const dir = mkdtempSync(join(os.tmpdir(), 'bench-province-db-'));
      let url = `file:${join(dir, 'province.db')}`;
      if (name === 'postgres') url = await freshDatabase(process.env.PG_URL ?? (cluster ??= await startPgCluster()).url, 'bench_province');
      const before = load();
      console.error(`[bench:province] ${name}: ${values.deputies} deputies, ${values.stations} stations (load ${before}) …`);
      try {
        const args = ['--import', 'tsx', import.meta.filename, '--child', '--url', url, '--deputies', values.deputies, '--stations', values.stations];
        const out = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, LOG_LEVEL: 'warn' } });
        if (out.status !== 0) throw new Error(`${name} failed:\n${out.stderr.slice(-3000)}`);
        const steps = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Step[];
        for (const s of steps) table.push(`| ${name} | ${s.step} | ${s.seconds.toFixed(1)} | ${s.rows} | ${s.rssMb} | ${before}→${load()} |`);
        const total = steps.reduce((n, s) => n + s.seconds, 0);
        totals.push(`- ${total < TARGET_S ? 'PASS' : 'FAIL'} ${name}: ${total.toFixed(1)} s in all (target < ${TARGET_S} s)`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    cluster?.stop();
  }
  console.log(table.join('\n'));
  console.log(`\n${totals.join('\n')}`);
  console.log(`\nMachine: ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), Node ${process.version}; ${execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()}.`);
}

if (values.child) await child(values.url!);
else await main();
