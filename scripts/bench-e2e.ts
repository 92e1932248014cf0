// npm run bench:e2e -- [--deputies 2000] [--rate 500] [--ack-seconds 5] [--connections 32]
//                      [--db sqlite,postgres] [--instances 1,2] [--history 0,500000] [--repeat 1] [--profile]
//                      [--keep] [--help]
//
// End to end on this machine: encrypted, signed WeCom callbacks (the simulator's sender) are
// accepted by the REAL service (src/main.ts as a child process started as `npm start` starts it, its workers on their thread),
// and every reply is delivered to a fake WeCom API run by this process. Phases:
//   help   — every deputy sends 帮助 once (closed loop); events/s until the last reply arrived;
//   click  — every deputy clicks 我的信息 on the help card once;
//   ack    — 帮助 again at a fixed rate (default 500/s) while the workers are still busy:
//            the HTTP ack latency, the thing WeCom times out on.
// Per phase: service CPU ms per event (utime+stime of the service process ÷ events),
// statements per event (the service's own counter in /metrics), lost (a deputy who got less
// than one answer's messages) and twice (more). RSS idle (20 s after ready, before the first
// phase) and peak (VmHWM).
// --db sqlite,postgres (default both): the whole run once per database, side by side in the
// table. SQLite is a temp file; PostgreSQL a throwaway server this starts (initdb/pg_ctl, as
// the tests do) unless PG_URL names one, with a fresh database each run. --instances 1,2 (the
// default): on PostgreSQL, the run once with one service and once with two on the same
// database, the load spread over them as a load balancer would (connection i, or request i in
// the ack phase, to instance i mod n); the table adds the ratio of their throughputs (issue 14:
// two instances ≥ 1.6× one). CPU is then the sum of the instances', RSS the largest instance's.
// --history 0,500000 (the default): on SQLite, the run once on a database with no history and
// once with that many processed callbacks and sent messages of the same deputies, spread over
// the year before (scripts/bench/history-seed.ts); the table adds the CPU per event against
// the run without history (issue 14: flat, ± 5 %).
// --repeat N (default 1): N rounds, each running every setup once (interleaved, so a machine whose
// speed drifts weighs on all alike); each cell is then the median of its rounds, and a note lists
// every round's ratios (their spread is the noise the one-run figures carry).
//
// Exit code 0 when the run completed (even if a target is missed), 1 when it broke, 2 bad usage.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WecomCallbackSender, nextMsgId } from '../src/simulator/callback-sender.ts';
import { createFakeWecomApi, listenOnLoopback } from '../src/simulator/fake-wecom-api.ts';
import { SimStore } from '../src/simulator/sim-store.ts';
import { freePort, killAllChildren, runNode, sleep, startService, stopChild, tail, waitForHttp, type Child } from './bench/children.ts';
import { closedLoop, type PhaseResult, type PreparedRequest } from './bench/load.ts';
import { openLoopOnThread } from './bench/open-loop-thread.ts';
import { seedHistory } from './bench/history-seed.ts';
import { rosterCsv } from './bench/roster.ts';
import { freshDatabase, startPgCluster, type PgCluster } from './lib/pg-cluster.ts';

const ROOT = resolve(import.meta.dirname, '..');
const APP = {
  corpId: 'wwbench0000000002',
  agentId: 1000002,
  secret: 'bench-secret-not-real-0123456789abcdef',
  token: 'BenchToken2024',
  aesKey: 'BenchAesKey0123456789abcdefghijklmnopqrstuv',
};
/** How long the services rest before their idle RSS is read. */
const IDLE_SETTLE_MS = 20_000;
const TARGETS = { help: 2000, click: 1500, cpuMs: 1, ackP99: 20, rssIdle: 150, rssPeak: 250, scaleOut: 1.6, historyDrift: 0.05 };

interface Options {
  deputies: number;
  rate: number;
  ackSeconds: number;
  connections: number;
  profile: boolean;
  keep: boolean;
  databases: Database[];
  /** How many services share the database in each PostgreSQL run (SQLite: one). */
  instances: number[];
  /** Old rows per queue table in each SQLite run. */
  history: number[];
  /** Rounds of every setup, interleaved; the table shows each value's median. */
  repeat: number;
}

const DATABASES = ['sqlite', 'postgres'] as const;
type Database = (typeof DATABASES)[number];

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      deputies: { type: 'string', default: '2000' },
      rate: { type: 'string', default: '500' },
      'ack-seconds': { type: 'string', default: '5' },
      connections: { type: 'string', default: '32' },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      db: { type: 'string', default: DATABASES.join(',') },
      instances: { type: 'string', default: '1,2' },
      history: { type: 'string', default: '0,500000' },
      repeat: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('npm run bench:e2e -- [--deputies N] [--rate N] [--ack-seconds N] [--connections N] [--db sqlite,postgres] [--instances 1,2] [--history 0,500000] [--repeat 1] [--profile] [--keep]');
    process.exit(0);
  }
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) {
      console.error(`--${name} must be a number >= ${min}`);
      process.exit(2);
    }
    return Math.floor(n);
  };
  const databases = values.db.split(',').map((d) => d.trim());
  const unknown = databases.filter((d) => !(DATABASES as readonly string[]).includes(d));
  if (unknown.length || databases.length === 0) {
    console.error(`--db: 「${unknown.join(',')}」不是 sqlite 或 postgres`);
    process.exit(2);
  }
  const list = (name: string, v: string, min: number) => [...new Set(v.split(',').map((n) => num(name, n.trim(), min)))].sort((a, b) => a - b);
  const instances = list('instances', values.instances, 1);
  if (instances.some((n) => n > 8)) {
    console.error('--instances: at most 8 services on this machine');
    process.exit(2);
  }
  return {
    databases: databases as Database[],
    instances,
    history: list('history', values.history, 0),
    repeat: num('repeat', values.repeat, 1),
    deputies: num('deputies', values.deputies, 10),
    rate: num('rate', values.rate, 1),
    ackSeconds: num('ack-seconds', values['ack-seconds'], 1),
    connections: num('connections', values.connections, 1),
    profile: values.profile,
    keep: values.keep,
  };
}

// ---------------------------------------------------------------- roster and requests

const sender = new WecomCallbackSender(APP);

function helpRequests(accounts: string[]): PreparedRequest[] {
  return accounts.map((a) => {
    const msgId = nextMsgId();
    const sealed = sender.seal(sender.textXml(a, '帮助', msgId));
    return { path: `/wecom/callback?${sealed.query}`, body: Buffer.from(sealed.body, 'utf8'), key: msgId };
  });
}

function clickRequests(accounts: string[]): PreparedRequest[] {
  return accounts.map((a, i) => {
    const sealed = sender.seal(sender.cardClickXml(a, { eventKey: 'help.whoami', taskId: `bench-help-${i}`, responseCode: `bench-rc-${i}-${Date.now()}` }));
    return { path: `/wecom/callback?${sealed.query}`, body: Buffer.from(sealed.body, 'utf8'), key: a };
  });
}

// ---------------------------------------------------------------- the service process

/** utime + stime of the service processes, summed. */
function cpuMs(services: Child[]): number {
  return services.reduce((sum, s) => sum + processCpuMs(s.proc.pid!), 0);
}

function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  return (ticks * 1000) / 100;
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The statements every instance has counted, summed. */
async function scrapeStatements(urls: string[]): Promise<number> {
  let statements = 0;
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    for (const line of text.split('\n')) {
      if (line.startsWith('bot_db_statements_total') || line.startsWith('bot_db_statements_main_thread')) statements += Number(line.split(' ').pop());
    }
  }
  return statements;
}

// ---------------------------------------------------------------- phases

interface PhaseOutcome {
  name: string;
  events: number;
  perSecond: number;
  cpuPerEvent: number;
  statementsPerEvent: number;
  lost: number;
  twice: number;
  expected: number;
  ack?: PhaseResult;
  complete: boolean;
}

async function waitForMessages(store: SimStore, target: number, idleMs: number): Promise<{ at: number; complete: boolean }> {
  let last = store.all().length;
  let lastChange = performance.now();
  for (;;) {
    const n = store.all().length;
    if (n >= target) return { at: performance.now(), complete: true };
    if (n !== last) {
      last = n;
      lastChange = performance.now();
    }
    if (performance.now() - lastChange > idleMs) return { at: lastChange, complete: false };
    await sleep(20);
  }
}

async function runPhase(
  name: string, services: Child[], urls: string[], store: SimStore, accounts: string[], requests: PreparedRequest[],
  perEvent: number, send: () => Promise<PhaseResult>,
): Promise<PhaseOutcome> {
  const before = store.deliveryCounts();
  const beforeTotal = store.all().length;
  const m0 = await scrapeStatements(urls);
  const cpu0 = cpuMs(services);
  const t0 = performance.now();
  const ack = await send();
  const done = await waitForMessages(store, beforeTotal + requests.length * perEvent, 20_000);
  const cpu1 = cpuMs(services);
  // Let the once-a-second statement report of the worker thread arrive.
  await sleep(1_200);
  const m1 = await scrapeStatements(urls);
  const after = store.deliveryCounts();
  let lost = 0;
  let twice = 0;
  for (const a of accounts) {
    const got = (after.get(a) ?? 0) - (before.get(a) ?? 0);
    if (got < perEvent) lost++;
    if (got > perEvent) twice++;
  }
  const events = requests.length;
  return {
    name, events, expected: perEvent, lost, twice, ack, complete: done.complete,
    perSecond: events / ((done.at - t0) / 1000),
    cpuPerEvent: (cpu1 - cpu0) / events,
    statementsPerEvent: (m1 - m0) / events,
  };
}

// ---------------------------------------------------------------- report

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0) : '–');
const fInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');

interface Measurement {
  help: PhaseOutcome;
  click: PhaseOutcome;
  ack: PhaseOutcome;
  rss: { idle: number; peak: number };
  roster: { rows: number; ms: number };
}

/** One row of the table: what it measures, its value in one run, its target and whether a run met it. */
interface Row {
  measure: (m: Measurement, o: Options) => string;
  value: (m: Measurement) => string;
  target?: string;
  met?: (m: Measurement) => boolean;
}

const ROWS: Row[] = [
  { measure: () => '帮助 messages/s (end to end)', value: (m) => fInt(m.help.perSecond) + (m.help.complete ? '' : ' ⚠ incomplete'), target: `≥ ${TARGETS.help}`, met: (m) => m.help.perSecond >= TARGETS.help },
  { measure: () => 'card clicks/s (end to end)', value: (m) => fInt(m.click.perSecond) + (m.click.complete ? '' : ' ⚠ incomplete'), target: `≥ ${TARGETS.click}`, met: (m) => m.click.perSecond >= TARGETS.click },
  { measure: () => 'service CPU ms per 帮助', value: (m) => f1(m.help.cpuPerEvent), target: `≤ ${TARGETS.cpuMs}`, met: (m) => m.help.cpuPerEvent <= TARGETS.cpuMs },
  { measure: () => 'service CPU ms per click', value: (m) => f1(m.click.cpuPerEvent), target: `≤ ${TARGETS.cpuMs}`, met: (m) => m.click.cpuPerEvent <= TARGETS.cpuMs },
  { measure: (_m, o) => `ack p50 / p99 ms at ${o.rate}/s, workers busy`, value: (m) => `${f1(m.ack.ack!.p50)} / ${f1(m.ack.ack!.p99)}`, target: `p99 ≤ ${TARGETS.ackP99}`, met: (m) => m.ack.ack!.p99 <= TARGETS.ackP99 },
  // The service's own counters (bot_db_statements_*): on PostgreSQL every round trip, BEGIN and COMMIT included.
  { measure: () => 'statements per 帮助', value: (m) => f1(m.help.statementsPerEvent) },
  { measure: () => 'statements per click', value: (m) => f1(m.click.statementsPerEvent) },
  { measure: () => 'RSS idle / peak MB', value: (m) => `${fInt(m.rss.idle)} / ${fInt(m.rss.peak)}`, target: `< ${TARGETS.rssIdle} / < ${TARGETS.rssPeak}`, met: (m) => m.rss.idle < TARGETS.rssIdle && m.rss.peak < TARGETS.rssPeak },
  { measure: () => 'lost / twice (帮助, click, ack phase)', value: (m) => `${m.help.lost}/${m.help.twice}, ${m.click.lost}/${m.click.twice}, ${m.ack.lost}/${m.ack.twice}`, target: '0 / 0', met: (m) => [m.help, m.click, m.ack].every((p) => p.lost === 0 && p.twice === 0) },
  { measure: (m) => `roster import, ${fInt(m.roster.rows)} rows (s)`, value: (m) => f1(m.roster.ms / 1000) },
];

/** One column of the table: a database and how many services shared it. */
interface Setup {
  db: Database;
  instances: number;
  /** Old rows seeded in each queue table before the service starts. */
  history: number;
}

const setupName = (c: Setup) => (c.db === 'sqlite' ? 'SQLite' : 'PostgreSQL') +
  (c.instances > 1 ? `, ${c.instances} instances` : '') + (c.history > 0 ? `, ${fInt(c.history)} old rows` : '');

/** The setups a run measures, in the table's order: SQLite per --history, PostgreSQL per --instances. */
function setupsOf(o: Options): Setup[] {
  return o.databases.flatMap((db): Setup[] => (db === 'sqlite'
    ? o.history.map((history) => ({ db, instances: 1, history }))
    : o.instances.map((instances) => ({ db, instances, history: 0 }))));
}

/** The run a setup is compared with: same database, one instance, no history. */
function baselineOf(runs: Map<Setup, Measurement>, setup: Setup): Measurement | undefined {
  if (setup.instances === 1 && setup.history === 0) return undefined;
  return [...runs].find(([c]) => c.db === setup.db && c.instances === 1 && c.history === 0)?.[1];
}

/** CPU per event of a run with history against the run without: 帮助 and clicks. */
function historyDrift(runs: Map<Setup, Measurement>, setup: Setup): { help: number; click: number } | undefined {
  const base = baselineOf(runs, setup);
  const m = runs.get(setup);
  if (!base || !m || setup.history === 0) return undefined;
  return { help: m.help.cpuPerEvent / base.help.cpuPerEvent - 1, click: m.click.cpuPerEvent / base.click.cpuPerEvent - 1 };
}

/** Throughput of a several-instance PostgreSQL run against the one-instance run: 帮助 and clicks. */
function scaleOut(runs: Map<Setup, Measurement>, setup: Setup): { help: number; click: number } | undefined {
  const one = baselineOf(runs, setup);
  const many = runs.get(setup);
  if (!one || !many || setup.instances === 1) return undefined;
  return { help: many.help.perSecond / one.help.perSecond, click: many.click.perSecond / one.click.perSecond };
}

/** A ratio minus one, as a signed percentage: +5.9 %. */
function pct(x: number): string {
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
}

function report(o: Options, runs: Map<Setup, Measurement>, rounds: Map<Setup, Measurement[]>): string {
  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const setups = [...runs.keys()];
  const first = runs.get(setups[0]!)!;
  const cell = (setup: Setup, row: Row) => {
    const m = runs.get(setup)!;
    return row.met ? `${row.value(m)} (${row.met(m) ? 'met' : 'NOT met'})` : row.value(m);
  };
  const scaleCell = (setup: Setup) => {
    const r = scaleOut(runs, setup);
    if (!r) return '—';
    const met = r.help >= TARGETS.scaleOut && r.click >= TARGETS.scaleOut;
    return `${r.help.toFixed(2)}× / ${r.click.toFixed(2)}× (${met ? 'met' : 'NOT met'})`;
  };
  const driftCell = (setup: Setup) => {
    const r = historyDrift(runs, setup);
    if (!r) return '—';
    const met = Math.abs(r.help) <= TARGETS.historyDrift && Math.abs(r.click) <= TARGETS.historyDrift;
    return `${pct(r.help)} / ${pct(r.click)} (${met ? 'met' : 'NOT met'})`;
  };
  const showScale = setups.some((c) => c.instances > 1);
  const showDrift = setups.some((c) => c.history > 0);
  const a = first.ack.ack!;
  const lines = [
    '',
    `### End-to-end benchmark (${new Date().toISOString().slice(0, 16)}Z, load average ${load})`,
    '',
    `| measure | ${setups.map(setupName).join(' | ')} | target |`,
    `|---|${setups.map(() => '---:').join('|')}|---|`,
    ...ROWS.map((row) => `| ${row.measure(first, o)} | ${setups.map((c) => cell(c, row)).join(' | ')} | ${row.target ?? ''} |`),
    ...(showScale ? [`| 帮助 / clicks per second against one instance | ${setups.map(scaleCell).join(' | ')} | ≥ ${TARGETS.scaleOut}× |`] : []),
    ...(showDrift ? [`| CPU per 帮助 / click against no history | ${setups.map(driftCell).join(' | ')} | ± ${TARGETS.historyDrift * 100} % |`] : []),
    '',
    `${fInt(first.help.events)} deputies, each: 帮助 once (${first.help.expected} messages back), 我的信息 clicked once (${first.click.expected} back), ` +
      `帮助 again at ${o.rate}/s for ${o.ackSeconds} s (${fInt(a.ok)} of ${fInt(a.sent)} acked 200, ${a.errors} errors, first column). ` +
      'Events/s = events ÷ (first callback sent → last reply received by the fake WeCom API). CPU = the service processes, both threads, summed over instances (not the PostgreSQL server\'s); ' +
      'RSS = the largest instance\'s. Several instances share one database, the load spread over them connection by connection.',
    `Machine: ${os.cpus().length} CPU, Node ${process.version}; the load generator, the fake WeCom API and (for PostgreSQL) the database server share it with the service.`,
    ...(o.repeat > 1 ? [roundsNote(o, rounds)] : []),
  ];
  return lines.join('\n');
}

/** With --repeat: what each cell is, and the rounds' own ratios (their spread is the noise). */
function roundsNote(o: Options, rounds: Map<Setup, Measurement[]>): string {
  const perRound = [...rounds.keys()].flatMap((setup) => {
    const ratios = rounds.get(setup)!.map((m, i) => {
      const one = new Map([...rounds].map(([c, ms]) => [c, ms[i]!]));
      const drift = historyDrift(one, setup);
      const scale = scaleOut(one, setup);
      return drift ? `${pct(drift.help)} / ${pct(drift.click)}` : scale ? `${scale.help.toFixed(2)}× / ${scale.click.toFixed(2)}×` : undefined;
    });
    return ratios[0] ? [`${setupName(setup)}: ${ratios.join('; ')}`] : [];
  });
  return `${o.repeat} rounds, every setup once per round; each cell is the median of its rounds (lost / twice and peak RSS the worst).` +
    (perRound.length ? ` Round by round (帮助 / clicks against the first column's run of the same round): ${perRound.join('. ')}.` : '');
}

/** One measurement of several rounds: the median of each value; the worst for lost, twice and peak RSS. */
function medianOf(ms: Measurement[]): Measurement {
  if (ms.length === 1) return ms[0]!;
  const med = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  };
  const phase = (pick: (m: Measurement) => PhaseOutcome): PhaseOutcome => {
    const ps = ms.map(pick);
    const acks = ps.map((p) => p.ack).filter((a): a is PhaseResult => a !== undefined);
    return {
      ...ps[0]!,
      perSecond: med(ps.map((p) => p.perSecond)),
      cpuPerEvent: med(ps.map((p) => p.cpuPerEvent)),
      statementsPerEvent: med(ps.map((p) => p.statementsPerEvent)),
      lost: Math.max(...ps.map((p) => p.lost)),
      twice: Math.max(...ps.map((p) => p.twice)),
      complete: ps.every((p) => p.complete),
      ack: acks.length === 0 ? undefined : {
        ...acks[0]!,
        ok: Math.min(...acks.map((a) => a.ok)),
        errors: Math.max(...acks.map((a) => a.errors)),
        p50: med(acks.map((a) => a.p50)),
        p90: med(acks.map((a) => a.p90)),
        p99: med(acks.map((a) => a.p99)),
        max: Math.max(...acks.map((a) => a.max)),
      },
    };
  };
  return {
    help: phase((m) => m.help),
    click: phase((m) => m.click),
    ack: phase((m) => m.ack),
    rss: { idle: med(ms.map((m) => m.rss.idle)), peak: Math.max(...ms.map((m) => m.rss.peak)) },
    roster: { rows: ms[0]!.roster.rows, ms: med(ms.map((m) => m.roster.ms)) },
  };
}

// ---------------------------------------------------------------- main

let tempDir = '';
let keepTemp = false;
let cluster: PgCluster | undefined;
function cleanup(): void {
  killAllChildren();
  cluster?.stop();
  cluster = undefined;
  if (tempDir && !keepTemp) rmSync(tempDir, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanup();
    process.exit(130);
  });
}

async function main(o: Options): Promise<void> {
  keepTemp = o.keep;
  tempDir = mkdtempSync(join(os.tmpdir(), 'bench-e2e-'));
  const rounds = new Map<Setup, Measurement[]>(setupsOf(o).map((setup) => [setup, []]));
  // Round by round, every setup once: a machine that speeds up or slows down during the runs
  // then weighs on every setup alike (this one's speed drifts by a quarter over a day).
  for (let round = 1; round <= o.repeat; round++) {
    for (const [setup, measured] of rounds) {
      const databaseUrl = setup.db === 'sqlite'
        ? `file:${join(tempDir, `bench-${setup.history}-${round}.db`)}`
        : await freshDatabase(process.env.PG_URL ?? (cluster ??= await startPgCluster()).url, 'bench_e2e');
      measured.push(await measure(o, setup, databaseUrl));
    }
  }
  const runs = new Map([...rounds].map(([setup, measured]) => [setup, medianOf(measured)]));
  console.log(report(o, runs, rounds));
  if (o.keep) console.error(`[bench:e2e] kept ${tempDir}`);
}

/** One whole run (roster, services, the three phases) on one database. */
async function measure(o: Options, setup: Setup, databaseUrl: string): Promise<Measurement> {
  const log = (msg: string) => console.error(`[bench:e2e] ${setupName(setup)}: ${msg}`);
  const dir = mkdtempSync(join(tempDir, `${setup.db}-${setup.instances}-${setup.history}-`));
  const store = new SimStore();
  const fakeApi = await listenOnLoopback(
    createFakeWecomApi({ corpId: APP.corpId, secret: APP.secret, agentId: APP.agentId, store, isKnownUser: async () => true }),
  );
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  for (const k of Object.keys(baseEnv)) if (k.startsWith('WECOM_') || k === 'ORG_CODE') delete baseEnv[k];

  const { csv, accounts } = rosterCsv(o.deputies);
  const csvFile = join(dir, 'roster.csv');
  writeFileSync(csvFile, csv);
  const rosterStarted = performance.now();
  const code = await runNode('roster-import', [join(ROOT, 'scripts', 'roster-import.ts'), csvFile], { cwd: ROOT, env: baseEnv, logFile: join(dir, 'roster.log') });
  const roster = { rows: o.deputies, ms: performance.now() - rosterStarted };
  if (code !== 0) throw new Error(`roster import failed (${code}):\n${tail(join(dir, 'roster.log'))}`);
  log(`imported ${o.deputies} deputies in ${f1(roster.ms / 1000)} s`);
  if (setup.history > 0) {
    seedHistory(databaseUrl.slice('file:'.length), accounts, setup.history, new Date());
    log(`seeded ${fInt(setup.history)} old callbacks and messages`);
  }

  const profDir = join(dir, 'prof');
  if (o.profile) mkdirSync(profDir, { recursive: true });
  const env = {
    ...baseEnv, WECOM_CORP_ID: APP.corpId, WECOM_AGENT_ID: String(APP.agentId), WECOM_SECRET: APP.secret,
    WECOM_TOKEN: APP.token, WECOM_AES_KEY: APP.aesKey, WECOM_API_BASE: fakeApi.url,
    CONSOLE_SESSION_SECRET: 'bench-console-secret-0123456789abcdefghij',
  };
  const services: Child[] = [];
  const urls: string[] = [];
  for (let i = 0; i < setup.instances; i++) {
    const port = await freePort();
    services.push(startService(o.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [], {
      cwd: ROOT, env: { ...env, PORT: String(port) }, logFile: join(dir, `service-${i + 1}.log`),
    }));
    urls.push(`http://127.0.0.1:${port}`);
    // One at a time: each applies (or finds applied) the migrations before the next starts.
    await waitForHttp(services[i]!, `${urls[i]}/readyz`);
  }
  // Idle means at rest: V8 frees what start-up left behind once a thread has been idle for
  // about ten seconds (its memory reducer), 10–15 MB here; measured before that it is start-up.
  await sleep(IDLE_SETTLE_MS);
  const rssIdle = Math.max(...services.map((s) => rssMb(s.proc.pid!, 'VmRSS')));
  log(`${services.length} service(s) ready, RSS ${f1(rssIdle)} MB`);

  // Warm-up: 100 deputies not measured (JIT, statement caches, the token).
  const warm = accounts.slice(0, Math.min(100, Math.floor(accounts.length / 10)));
  await runPhase('warm-up', services, urls, store, warm, helpRequests(warm), 2, () =>
    closedLoop('warm', urls, helpRequests(warm), { connections: 8 * urls.length, seconds: 60 }));

  const helpReqs = helpRequests(accounts);
  log(`帮助 × ${accounts.length}`);
  const help = await runPhase('help', services, urls, store, accounts, helpReqs, 2, () =>
    closedLoop('help', urls, helpReqs, { connections: o.connections, seconds: 600 }));
  const clickReqs = clickRequests(accounts);
  log(`clicks × ${accounts.length}`);
  const click = await runPhase('click', services, urls, store, accounts, clickReqs, 1, () =>
    closedLoop('click', urls, clickReqs, { connections: o.connections, seconds: 600 }));
  const ackAccounts = accounts.slice(0, Math.min(accounts.length, o.rate * o.ackSeconds));
  const ackReqs = helpRequests(ackAccounts);
  log(`帮助 at ${o.rate}/s × ${ackAccounts.length}`);
  const ack = await runPhase('ack', services, urls, store, ackAccounts, ackReqs, 2, () =>
    openLoopOnThread('ack', urls, ackReqs, { rate: o.rate, seconds: o.ackSeconds }));
  const rssPeak = Math.max(...services.map((s) => rssMb(s.proc.pid!, 'VmHWM')));

  for (const service of services) await stopChild(service);
  await new Promise<void>((r) => fakeApi.server.close(() => r()));
  if (o.profile) {
    const profiles = readdirSync(profDir).filter((p) => p.endsWith('.cpuprofile'))
      .map((p) => ({ p, size: statSync(join(profDir, p)).size })).sort((x, y) => y.size - x.size);
    const { summarise } = await import('./bench/profile-summary.ts');
    for (const { p } of profiles.slice(0, 2)) console.error(`\n[bench:e2e] ${setupName(setup)}: CPU profile ${p}:\n${summarise(join(profDir, p))}`);
  }
  return { help, click, ack, rss: { idle: rssIdle, peak: rssPeak }, roster };
}

const options = parseOptions(process.argv.slice(2));
try {
  await main(options);
  cleanup();
  process.exit(0);
} catch (err) {
  console.error(`[bench:e2e] the run failed: ${err instanceof Error ? err.message : String(err)}`);
  cleanup();
  process.exit(1);
}
