// npm run bench:roster -- [--rows 10000,100000] [--db sqlite,postgres]
//
// Roster import at province scale (issue 14: 10,000 rows < 3 s, 100,000 rows < 30 s; RSS
// < 250 MB under load), on a SQLite file and on a throwaway PostgreSQL server started for the
// run (or PG_URL). Each size gets a fresh database and two runs of the command line exactly as
// `npm run roster:import` starts it (its package.json line, without npm itself): the first import
// of a file (everyone new) into a migrated, empty database, then a second file (every 10th level and every 25th station role
// changed, every 100th person gone, 1 % new). The time is the whole process (start-up, migration
// check, file, validation, diff, writes); the RSS is that process's peak. Prints one table,
// SQLite and PostgreSQL side by side, each value against its target.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { provinceRoster } from './bench/province-roster.ts';
import { freshDatabase, startPgCluster, type PgCluster } from './lib/pg-cluster.ts';
import { nodeScriptCommand, type StartCommand } from './lib/start-command.ts';

const TARGET_S: Record<number, number> = { 10_000: 3, 100_000: 30 };
const TARGET_RSS_MB = 250;
const ROOT = join(import.meta.dirname, '..');

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000,100000' },
    db: { type: 'string', default: 'sqlite,postgres' },
  },
});

interface Run {
  seconds: number;
  rssMb: number;
  load: string;
  summary: string;
}

/** The npm script's command (`node scripts/roster-import.mjs`), read from package.json. */
function cliCommand(): StartCommand {
  return nodeScriptCommand(ROOT, 'roster:import');
}

function writeRoster(dir: string, name: string, rows: number, revision: boolean): string {
  const lines = provinceRoster({ deputies: Math.ceil(rows / 1.05) + 1, stations: Math.ceil(rows * 0.15), revision }).slice(0, rows + 1);
  const path = join(dir, name);
  writeFileSync(path, '\uFEFF' + lines.join('\n') + '\n');
  return path;
}

function runCli(file: string, url: string, dir: string): Run {
  const rssFile = join(dir, 'rss');
  const command = cliCommand();
  // The preload goes just before the script, after the script's own node flags.
  const args = [...command.args.slice(0, -1), '--import', join(ROOT, 'scripts/bench/peak-rss.mjs'), command.args.at(-1)!, file, '--org', 'province', '--org-name', '某省人大常委会'];
  const load = os.loadavg()[0]!.toFixed(1);
  const t0 = performance.now();
  const out = spawnSync(process.execPath, args, {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26,
    env: { ...process.env, ...command.env, DATABASE_URL: url, LOG_LEVEL: 'warn', BENCH_PEAK_RSS_FILE: rssFile },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (out.status !== 0) throw new Error(`roster:import failed (${out.status}):\n${out.stdout.slice(-2000)}${out.stderr.slice(-2000)}`);
  const summary = out.stdout.trim().split('\n').at(-1)!;
  return { seconds, rssMb: Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024), load: `${load}→${os.loadavg()[0]!.toFixed(1)}`, summary };
}

/**
 * The command compiles src/ on its first run after a change (as `npm start` does, into the same
 * cache): done here once, untimed, as on a machine where the bot has already started.
 */
function warmUp(): void {
  const command = cliCommand();
  const out = spawnSync(process.execPath, [...command.args, '--help'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...command.env } });
  if (out.status !== 0) throw new Error(`roster:import --help failed (${out.status}):\n${out.stdout}${out.stderr}`);
}

const fmt = (n: number) => n.toLocaleString('en-US');
const mark = (ok: boolean) => (ok ? '(met)' : '(NOT met)');

function cell(run: Run | undefined, rows: number): string[] {
  if (!run) return ['', '', ''];
  const target = TARGET_S[rows];
  const time = `${run.seconds.toFixed(2)} s${target ? ` ${mark(run.seconds < target)}` : ''}`;
  return [time, `${run.rssMb} MB ${mark(run.rssMb < TARGET_RSS_MB)}`, run.load];
}

async function main(): Promise<void> {
  const sizes = values.rows.split(',').map(Number);
  const dbs = values.db.split(',');
  const results = new Map<string, Run>();
  const summaries: string[] = [];
  let cluster: PgCluster | undefined;
  warmUp();
  try {
    for (const rows of sizes) {
      const dir = mkdtempSync(join(os.tmpdir(), 'bench-roster-'));
      try {
        const files = [writeRoster(dir, 'first.csv', rows, false), writeRoster(dir, 'second.csv', rows, true)];
        for (const db of dbs) {
          const url = db === 'postgres'
            ? await freshDatabase(process.env.PG_URL ?? (cluster ??= await startPgCluster()).url, `bench_roster_${rows}`)
            : `file:${join(dir, 'bench.db')}`;
          // As where the bot already runs: the command's own migration check finds nothing to do.
          await migrateDatabase(url);
          for (const [i, phase] of ['first import', 're-import, changes'].entries()) {
            console.error(`[bench:roster] ${db}, ${fmt(rows)} rows, ${phase} (load ${os.loadavg()[0]!.toFixed(1)}) …`);
            const run = runCli(files[i]!, url, dir);
            results.set(`${db}|${rows}|${phase}`, run);
            summaries.push(`${db}, ${fmt(rows)} rows, ${phase}: ${run.summary}`);
          }
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    cluster?.stop();
  }
  const head = ['rows', 'run', 'target'];
  for (const db of dbs) head.push(`${db} time`, `${db} peak RSS`, `${db} load (1 min)`);
  const table = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---:' : '---')).join('|')}|`];
  for (const rows of sizes) {
    for (const phase of ['first import', 're-import, changes']) {
      const target = `${TARGET_S[rows] ? `< ${TARGET_S[rows]} s, ` : ''}< ${TARGET_RSS_MB} MB`;
      table.push(`| ${fmt(rows)} | ${phase} | ${target} | ${dbs.flatMap((db) => cell(results.get(`${db}|${rows}|${phase}`), rows)).join(' | ')} |`);
    }
  }
  console.log(table.join('\n'));
  console.log(`\nTime: the whole \`npm run roster:import\` process (start-up included), as package.json starts it, src/ already compiled (as where the bot has started once). Load: 1-minute average before→after each run.`);
  console.log(summaries.map((s) => `- ${s}`).join('\n'));
  console.log(`\nMachine: ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim()}), Node ${process.version}; ${execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim()}.`);
}

await main();
