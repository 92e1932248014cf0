// npm run bench:callback -- [--seconds 10] [--rate 500] [--connections 64] [--warmup 2]
//                           [--senders 2000] [--profile]
//                           [--keep] [--help]
//
// Drives encrypted, signed WeCom text callbacks over loopback at
//   1. the REAL service (src/main.ts as a child process, started as `npm start` starts it: SQLite in a temp dir, the demo roster
//      imported, WECOM_API_BASE pointing at a fake WeCom API run by this process), and
//   2. a BARE Koa endpoint (scripts/bench/bare-endpoint.ts) that only verifies and decrypts,
// and prints a Markdown table: requests/s, p50/p99/max ack latency and errors for a fixed
// rate (open loop, default 500/s) and for maximum throughput (closed loop, N connections),
// plus the service/bare throughput ratio. Afterwards it stops the service (SIGTERM) and
// checks in the SQLite file that every callback answered 200 has its InboundEvent row.
//
// Exit code: 0 when the run completed (even if a target is missed: this is a benchmark),
// 1 when the run itself broke, 2 for a bad command line.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createFakeWecomApi, listenOnLoopback } from '../src/simulator/fake-wecom-api.ts';
import { SimStore } from '../src/simulator/sim-store.ts';
import { WecomCallbackSender, nextMsgId } from '../src/simulator/callback-sender.ts';
import {
  freePort,
  killAllChildren,
  runNode,
  sleep,
  startNode, startService,
  stopChild,
  tail,
  waitForHttp,
  waitForListeningLine,
  type Child,
} from './bench/children.ts';
import { closedLoop, openLoop, type PhaseResult, type PreparedRequest } from './bench/load.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ROSTER_SCRIPT = join(ROOT, 'scripts', 'roster-import.ts');
const ROSTER_CSV = join(ROOT, 'prisma', 'seed', 'demo-roster.csv');

// Fixed test credentials (never real ones).
const APP = {
  corpId: 'wwbench0000000001',
  agentId: 1000002,
  secret: 'bench-secret-not-real-0123456789abcdef',
  token: 'BenchToken2024',
  aesKey: 'BenchAesKey0123456789abcdefghijklmnopqrstuv', // 43 letters/digits
};
const CONTENTS = ['帮助', '我是谁', '你好', '联系人', '请问下周的代表活动安排在哪里？'];

const TARGETS = { rps: 2000, p99AtRateMs: 20, ratio: 0.5 };

interface Options {
  seconds: number;
  rate: number;
  connections: number;
  warmup: number;
  senders: number;
  profile: boolean;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      seconds: { type: 'string', default: '10' },
      rate: { type: 'string', default: '500' },
      connections: { type: 'string', default: '64' },
      warmup: { type: 'string', default: '2' },
      senders: { type: 'string', default: '2000' },
      profile: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      [
        'npm run bench:callback -- [options]',
        '  --seconds N      length of each measured phase (default 10)',
        '  --rate N         fixed rate of the latency phase, callbacks/s (default 500)',
        '  --connections N  concurrent connections of the throughput phase (default 64)',
        '  --warmup N       warm-up seconds per endpoint (default 2)',
        '  --senders N      distinct sender accounts (roster deputies + synthetic; default 2000)',
        '  --profile        run the service with --cpu-prof and summarise where its CPU went',
        '  --keep           keep the temp dir (database, logs, profiles)',
      ].join('\n'),
    );
    process.exit(0);
  }
  const num = (name: string, v: string, min: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min) {
      console.error(`--${name} must be a number >= ${min}`);
      process.exit(2);
    }
    return n;
  };
  return {
    seconds: num('seconds', values.seconds, 1),
    rate: num('rate', values.rate, 1),
    connections: Math.floor(num('connections', values.connections, 1)),
    warmup: num('warmup', values.warmup, 0),
    senders: Math.floor(num('senders', values.senders, 1)),
    profile: values.profile,
    keep: values.keep,
  };
}

// ---------------------------------------------------------------- request preparation

const sender = new WecomCallbackSender(APP);
let contentSeq = 0;

function prepare(n: number, senders: string[]): PreparedRequest[] {
  const out = new Array<PreparedRequest>(n);
  for (let i = 0; i < n; i++) {
    const seq = contentSeq++;
    const msgId = nextMsgId();
    const sealed = sender.seal(sender.textXml(senders[seq % senders.length]!, CONTENTS[seq % CONTENTS.length]!, msgId));
    out[i] = {
      path: `/wecom/callback?${sealed.query}`,
      body: Buffer.from(sealed.body, 'utf8'),
      key: `${APP.corpId}:${APP.agentId}:msg:${msgId}`,
    };
  }
  return out;
}

function rosterAccounts(): string[] {
  if (!existsSync(ROSTER_CSV)) return [];
  const lines = readFileSync(ROSTER_CSV, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
  const header = lines[0]?.split(',') ?? [];
  const col = header.indexOf('企业微信账号');
  if (col < 0) return [];
  return lines
    .slice(1)
    .map((l) => l.split(',')[col]?.trim() ?? '')
    .filter((a) => /^[A-Za-z0-9_.@-]+$/.test(a));
}

// ---------------------------------------------------------------- database checks

function openDb(file: string): Database.Database {
  return new Database(file, { readonly: true, fileMustExist: true });
}

function inboundBacklog(file: string): { open: number; done: number; total: number } {
  const db = openDb(file);
  try {
    const rows = db.prepare('SELECT status, count(*) AS c FROM "InboundEvent" GROUP BY status').all() as { status: string; c: number }[];
    const by = new Map(rows.map((r) => [r.status, r.c]));
    const total = rows.reduce((s, r) => s + r.c, 0);
    return { open: (by.get('pending') ?? 0) + (by.get('processing') ?? 0), done: by.get('done') ?? 0, total };
  } finally {
    db.close();
  }
}

async function waitForDrain(file: string, maxMs: number): Promise<{ drained: boolean; open: number; ms: number }> {
  const started = Date.now();
  for (;;) {
    const { open } = inboundBacklog(file);
    const ms = Date.now() - started;
    if (open === 0) return { drained: true, open, ms };
    if (ms >= maxMs) return { drained: false, open, ms };
    await sleep(250);
  }
}

// ---------------------------------------------------------------- report

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMs = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : '–');

function row(target: string, phase: string, r: PhaseResult): string {
  const errs = r.errors === 0 ? '0' : `${r.errors} (${[...r.errorKinds].map(([k, v]) => `${k}×${v}`).join(', ')})`;
  const note = r.exhausted ? ' ⚠ pool exhausted' : '';
  return `| ${target} | ${phase}${note} | ${fmtInt(r.sent)} | ${fmtInt(r.ok)} | ${errs} | ${fmtInt(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${fmtMs(r.max)} |`;
}

// ---------------------------------------------------------------- main

let tempDir = '';
let keepTemp = false;

function cleanup(): void {
  killAllChildren();
  if (tempDir && !keepTemp) rmSync(tempDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the benchmark`);
    cleanup();
    process.exit(130);
  });
}

async function main(opts: Options): Promise<void> {
  keepTemp = opts.keep;
  tempDir = mkdtempSync(join(os.tmpdir(), 'bench-callback-'));
  const dbFile = join(tempDir, 'bench.db');
  const databaseUrl = `file:${dbFile}`;
  const profDir = join(tempDir, 'prof');
  const log = (msg: string) => console.error(`[bench] ${msg}`);
  log(`temp dir ${tempDir}`);

  // Fake WeCom API: replies have somewhere to go. Every user is known to it.
  const store = new SimStore();
  const fakeApi = await listenOnLoopback(
    createFakeWecomApi({ corpId: APP.corpId, secret: APP.secret, agentId: APP.agentId, store, isKnownUser: async () => true }),
  );
  log(`fake WeCom API at ${fakeApi.url}`);

  const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  for (const k of ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY', 'WECOM_API_BASE']) delete baseEnv[k];

  // Seed: the demo roster, so some senders are real deputies.
  let deputies: string[] = [];
  if (existsSync(ROSTER_SCRIPT) && existsSync(ROSTER_CSV)) {
    const code = await runNode('roster-import', [ROSTER_SCRIPT, ROSTER_CSV], { cwd: ROOT, env: baseEnv, logFile: join(tempDir, 'roster.log') });
    if (code === 0) deputies = rosterAccounts();
    else log(`roster import failed (exit ${code}); continuing with unknown senders only:\n${tail(join(tempDir, 'roster.log'))}`);
  } else {
    log('no roster import script or demo roster; all senders are unknown users');
  }
  const synthetic = Array.from({ length: Math.max(0, opts.senders - deputies.length) }, (_, i) => `benchuser${String(i).padStart(5, '0')}`);
  const senders = [...deputies, ...synthetic];
  log(`${senders.length} distinct senders (${deputies.length} roster deputies)`);

  // Start both endpoints.
  const port = await freePort();
  const serviceEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    PORT: String(port),
    WECOM_CORP_ID: APP.corpId,
    WECOM_AGENT_ID: String(APP.agentId),
    WECOM_SECRET: APP.secret,
    WECOM_TOKEN: APP.token,
    WECOM_AES_KEY: APP.aesKey,
    CONSOLE_SESSION_SECRET: 'bench-console-secret-0123456789abcdefghij',
    WECOM_API_BASE: fakeApi.url,
  };
  if (opts.profile) mkdirSync(profDir, { recursive: true });
  const profArgs = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const service = startService(profArgs, {
    cwd: ROOT,
    env: serviceEnv,
    logFile: join(tempDir, 'service.log'),
  });
  const bare = startNode('bare endpoint', [join(ROOT, 'scripts', 'bench', 'bare-endpoint.ts')], {
    cwd: ROOT,
    env: { ...baseEnv, PORT: '0', BENCH_TOKEN: APP.token, BENCH_AES_KEY: APP.aesKey, BENCH_CORP_ID: APP.corpId },
    logFile: join(tempDir, 'bare.log'),
    pipeStdout: true,
  });
  const serviceUrl = `http://127.0.0.1:${port}`;
  const [bareUrl] = await Promise.all([waitForListeningLine(bare), waitForHttp(service, `${serviceUrl}/readyz`)]);
  log(`service at ${serviceUrl} (ready), bare endpoint at ${bareUrl}`);

  // Prepare the requests of the warm-ups and fixed-rate phases before anything is timed.
  const rateCount = Math.ceil(opts.rate * opts.seconds);
  const warmCount = Math.max(500, Math.ceil(opts.warmup * 2500));
  let t = performance.now();
  // The bare endpoint stores nothing, so its requests may be replayed round-robin; the
  // service's must all be distinct (every MsgId is checked in the database afterwards).
  const pools = {
    bare: prepare(Math.max(rateCount, 10_000), senders),
    serviceWarm: prepare(warmCount, senders),
    serviceRate: prepare(rateCount, senders),
  };
  log(`prepared ${fmtInt(pools.bare.length + warmCount + rateCount)} sealed callbacks in ${fmtInt(performance.now() - t)} ms`);

  const poolFor = (warm: PhaseResult) => {
    // Size the throughput pool from the warm-up rate with generous headroom; a pool that still
    // runs out ends the phase early and is flagged in the table.
    const estimate = Math.max(warm.rps, TARGETS.rps) * opts.seconds * 2.5;
    const n = Math.min(250_000, Math.ceil(estimate) + 2000);
    t = performance.now();
    const pool = prepare(n, senders);
    log(`prepared ${fmtInt(n)} sealed callbacks in ${fmtInt(performance.now() - t)} ms`);
    return pool;
  };
  const warmOpts = { connections: Math.min(16, opts.connections), seconds: opts.warmup };
  const drain = async (what: string) => {
    const d = await waitForDrain(dbFile, 30_000);
    log(`service: worker ${d.drained ? 'drained' : `did not drain (${d.open} open)`} the ${what} backlog in ${fmtInt(d.ms)} ms`);
  };
  const maxLabel = `max, ${opts.connections} conns, ${opts.seconds} s`;
  const rateLabel = `${opts.rate}/s, ${opts.seconds} s`;

  // 1. Bare endpoint: warm-up, fixed rate, maximum throughput. Then stopped, so it is idle
  //    while the service runs (and vice versa: the service is idle now, its backlog empty).
  log('bare endpoint: warm-up');
  await closedLoop('bare warm-up', bareUrl, pools.bare, { ...warmOpts, cycle: true });
  log(`bare endpoint: ${rateLabel}`);
  const bareRate = await openLoop('bare rate', bareUrl, pools.bare, { rate: opts.rate, seconds: opts.seconds });
  log(`bare endpoint: ${maxLabel}`);
  const bareMax = await closedLoop('bare max', bareUrl, pools.bare, { connections: opts.connections, seconds: opts.seconds, cycle: true });
  await stopChild(bare);

  // 2. Service: warm-up, let the worker drain what the warm-up stored, fixed rate, maximum.
  const accepted: string[] = [];
  const unknown: string[] = [];
  const keep = (r: PhaseResult) => {
    accepted.push(...r.okKeys);
    unknown.push(...r.unknownKeys);
    return r;
  };
  log('service: warm-up');
  const serviceWarm = keep(await closedLoop('service warm-up', serviceUrl, pools.serviceWarm, warmOpts));
  await drain('warm-up');
  log(`service: ${rateLabel}`);
  const doneBeforeRate = inboundBacklog(dbFile).done;
  const serviceRate = keep(await openLoop('service rate', serviceUrl, pools.serviceRate, { rate: opts.rate, seconds: opts.seconds }));
  const afterRate = inboundBacklog(dbFile);
  const serviceMaxPool = poolFor(serviceWarm);
  await drain('fixed-rate');
  log(`service: ${maxLabel}`);
  const doneBeforeMax = inboundBacklog(dbFile).done;
  const serviceMax = keep(await closedLoop('service max', serviceUrl, serviceMaxPool, { connections: opts.connections, seconds: opts.seconds }));
  const afterMax = inboundBacklog(dbFile);

  // 3. Stop the service gracefully, then check every 200 has its row.
  log('service: SIGTERM');
  const stopStarted = Date.now();
  const exitCode = await stopChild(service);
  log(`service exited with ${exitCode} after ${fmtInt(Date.now() - stopStarted)} ms`);
  await new Promise<void>((r) => fakeApi.server.close(() => r()));

  const db = openDb(dbFile);
  let stored: Set<string>;
  let doneAtStop = 0;
  let outboxSent = 0;
  let outboxTotal = 0;
  try {
    stored = new Set(
      (db.prepare(`SELECT "platformKey" AS k FROM "InboundEvent" WHERE "channel" = 'wecom'`).all() as { k: string }[]).map((r) => r.k),
    );
    doneAtStop = (db.prepare(`SELECT count(*) AS c FROM "InboundEvent" WHERE "status" = 'done'`).get() as { c: number }).c;
    outboxTotal = (db.prepare(`SELECT count(*) AS c FROM "Outbox"`).get() as { c: number }).c;
    outboxSent = (db.prepare(`SELECT count(*) AS c FROM "Outbox" WHERE "status" = 'sent'`).get() as { c: number }).c;
  } finally {
    db.close();
  }
  const lost = accepted.filter((k) => !stored.has(k)).length;
  const acceptedSet = new Set(accepted);
  const unexpected = [...stored].filter((k) => !acceptedSet.has(k)).length;
  const unexpectedExplained = unknown.filter((k) => stored.has(k)).length;

  // 4. Report.
  const ratio = serviceMax.rps / bareMax.rps;
  const cpus = os.cpus();
  const lines: string[] = [];
  lines.push('');
  lines.push(`### Callback benchmark (${new Date().toISOString().slice(0, 10)})`);
  lines.push('');
  lines.push('| target | phase | sent | 200 OK | errors | req/s | p50 ms | p99 ms | max ms |');
  lines.push('|---|---|---:|---:|---|---:|---:|---:|---:|');
  const serviceName = 'service (SQLite)';
  lines.push(row(serviceName, rateLabel, serviceRate));
  lines.push(row(serviceName, maxLabel, serviceMax));
  lines.push(row('bare verify+decrypt', rateLabel, bareRate));
  lines.push(row('bare verify+decrypt', maxLabel, bareMax));
  lines.push(`| **ratio service/bare** | max throughput | | | | **${ratio.toFixed(2)}** | | | |`);
  lines.push('');
  lines.push(
    `req/s = answers 200 ÷ phase time (until the last answer); latency = request sent → answer received, ` +
      `client timeout 10 s (counted as an error). The fixed-rate phase offers ${opts.rate}/s whatever the answers do.`,
  );
  lines.push(
    `Machine: ${cpus.length} CPU (${cpus[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${os.platform()} ${os.release()}; ` +
      `load generator, fake WeCom API, service and bare endpoint on the same machine (loopback, keep-alive).`,
  );
  lines.push(
    `Lost events: ${lost} (of ${fmtInt(accepted.length)} callbacks answered 200, all with distinct MsgIds; ` +
      `${fmtInt(stored.size)} InboundEvent rows${unexpected ? `, ${unexpected} rows without a 200 (${unexpectedExplained} of them timed out or lost their socket)` : ''}).`,
  );
  lines.push(
    `Worker (informative): ${fmtInt(doneAtStop)} of ${fmtInt(stored.size)} events processed (status done) at shutdown; ` +
      `during the fixed-rate phase ${fmtInt(afterRate.done - doneBeforeRate)} done, ${fmtInt(afterRate.open)} left open at its end; ` +
      `during the max phase ${fmtInt(afterMax.done - doneBeforeMax)} done (${fmtInt((afterMax.done - doneBeforeMax) / (serviceMax.elapsedMs / 1000))}/s), ` +
      `${fmtInt(afterMax.open)} left open. Outbox: ${fmtInt(outboxSent)} of ${fmtInt(outboxTotal)} replies sent to the fake API.`,
  );
  const mark = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  lines.push('');
  lines.push('Targets (2-core machine, SQLite):');
  lines.push(`- ${mark(serviceMax.rps >= TARGETS.rps && !serviceMax.exhausted)} sustained ≥ ${fmtInt(TARGETS.rps)} callbacks/s: ${fmtInt(serviceMax.rps)}/s`);
  lines.push(`- ${mark(serviceRate.p99 <= TARGETS.p99AtRateMs)} p99 ack ≤ ${TARGETS.p99AtRateMs} ms at ${opts.rate}/s: ${fmtMs(serviceRate.p99)} ms`);
  lines.push(`- ${mark(ratio >= TARGETS.ratio)} service/bare throughput ratio ≥ ${TARGETS.ratio}: ${ratio.toFixed(2)}`);
  lines.push(`- ${mark(lost === 0)} zero lost events: lost events: ${lost}`);
  const errorTotal = serviceRate.errors + serviceMax.errors + bareRate.errors + bareMax.errors;
  lines.push(`- ${mark(errorTotal === 0)} no errors: ${errorTotal}`);
  console.log(lines.join('\n'));

  const serviceLog = tail(join(tempDir, 'service.log'), 5);
  if (serviceLog.trim() && serviceLog !== '(no log)') console.error(`\n[bench] last lines of the service log (LOG_LEVEL=warn):\n${serviceLog}`);
  if (exitCode !== 0) console.error(`[bench] note: the service exited with code ${exitCode} on SIGTERM`);

  if (opts.profile) {
    const profiles = existsSync(profDir) ? readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')) : [];
    if (profiles.length) {
      const { summarise } = await import('./bench/profile-summary.ts');
      // The largest profile is the main thread; the others are tsx's loader thread.
      const [main] = profiles.map((p) => ({ p, size: statSync(join(profDir, p)).size })).sort((a, b) => b.size - a.size);
      console.error(`\n[bench] CPU profile of the service main thread (${main!.p}):\n${summarise(join(profDir, main!.p))}`);
      if (!opts.keep) console.error('[bench] (use --keep to keep the .cpuprofile for Chrome DevTools)');
      else console.error(`[bench] profiles in ${profDir}`);
    } else {
      console.error('[bench] --profile: the service wrote no CPU profile');
    }
  }
  if (opts.keep) console.error(`[bench] kept ${tempDir}`);
}

const options = parseOptions(process.argv.slice(2));
try {
  await main(options);
  cleanup();
  process.exit(0);
} catch (err) {
  console.error(`[bench] the benchmark run failed: ${err instanceof Error ? err.message : String(err)}`);
  if (tempDir) console.error(`[bench] logs: ${tempDir}${keepTemp ? '' : ' (removed; use --keep)'}`);
  cleanup();
  process.exit(1);
}
