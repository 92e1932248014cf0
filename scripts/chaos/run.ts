// The chaos harness: the fake WeCom API lives here (it survives what happens to the bot), the
// bot runs as a child process on a temp SQLite file (or, with `postgres`, a database on a
// throwaway PostgreSQL cluster) and is killed with SIGKILL at random moments, round after
// round; with `instances` > 1 that many bots run side by side on the one database and each
// round kills one of them (the others carry on). Then one clean run finishes the work. What each recipient got
// is read from the fake: delivered 0, 1 or 2+ times.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboxWorkerOptions } from '../../src/jobs/outbox-worker.ts';
import pg from 'pg';
import { migrateDatabase } from '../../src/repositories/migrate.ts';
import { startPgCluster, databaseUrl as pgDatabaseUrl, type PgCluster } from '../lib/pg-cluster.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { FaultPlan, seededRandom, type Fault } from '../../src/simulator/fake-faults.ts';
import { createFakeWecomApi, listenOnLoopback } from '../../src/simulator/fake-wecom-api.ts';
import { SimStore } from '../../src/simulator/sim-store.ts';
import { PERSONAL_KEY_PREFIX, PERSONAL_TEXT, seedChaosWork, type ChaosWork } from './seed.ts';

export interface ChaosOptions {
  rounds: number;
  recipients: number;
  seed: number;
  /** Share of message/send calls that get a fault (resets, slow answers, 502s). */
  faultRate: number;
  /** A kill lands this long (at most) after the bot says it is ready. */
  maxKillMs: number;
  /** Share of rounds whose kill lands during start-up (default 0.25). */
  startupKillShare?: number;
  /**
   * Share of rounds whose kill lands right after WeCom carried out a call and before it
   * answered — the moment a naive outbox sends again (default 0.4). The rest: a random time.
   */
  afterCallKillShare?: number;
  /** The personal texts fall due this long after seeding, so the card goes out first (default 0). */
  personalDelayMs?: number;
  /** The bot's entry file (another checkout's, to measure it). */
  botEntry: string;
  /** Keep the temp folder (database and the bot's info log) for a look afterwards. */
  keep?: boolean;
  /** Bots running side by side on the one database (default 1). */
  instances?: number;
  /** On PostgreSQL (a throwaway cluster) instead of a SQLite file. */
  postgres?: boolean;
  log(line: string): void;
}

export interface ChaosCount {
  message: string;
  recipients: number;
  zero: number;
  one: number;
  twoOrMore: number;
}

export interface ChaosReport {
  counts: ChaosCount[];
  kills: { duringStart: number; atRandom: number; afterCall: number };
  sendCalls: number;
  faultsInjected: number;
  droppedByDuplicateCheck: number;
  refusedTaskIds: number;
  outbox: Record<string, number>;
  alreadyDelivered: number;
  seconds: number;
}

const APP = { corpId: 'wwchaos0001', secret: 'chaos-secret', agentId: 1000002, token: 'chaostoken1', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };
const SEND = '/cgi-bin/message/send';
/** Short lock and timeout: a restarted bot takes back a killed one's rows within seconds. */
const BOT_OUTBOX: Partial<OutboxWorkerOptions> = {
  lockMs: 5_000, callTimeoutMs: 1_000, concurrency: 8, idleDelayMs: 100, backoff: { baseMs: 500, maxMs: 5_000 },
};
const CHAOS_FAULTS: Fault[] = [
  { kind: 'reset', when: 'after' },
  { kind: 'reset', when: 'before' },
  { kind: 'delay', ms: 1_500, when: 'after' }, // past the bot's 1 s timeout
  { kind: 'status', status: 502, when: 'after' },
];

export async function runChaos(o: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'chaos-'));
  let cluster: PgCluster | undefined;
  let databaseUrl = `file:${join(dir, 'chaos.db')}`;
  if (o.postgres) {
    cluster = await startPgCluster();
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE chaos');
    await admin.end();
    databaseUrl = pgDatabaseUrl(cluster.url, 'chaos');
  }
  const random = seededRandom(o.seed);
  const store = new SimStore();
  const faults = new FaultPlan(random);
  if (o.faultRate > 0) faults.randomly(SEND, o.faultRate, CHAOS_FAULTS);
  // A send to 1,000 people takes WeCom a while to answer: a kill then lands after WeCom
  // delivered the card and before the bot recorded it (the window that sent cards twice).
  faults.latencyMs = ({ path, body }) => (path === SEND ? 5 + 0.5 * String(body.touser ?? '').split('|').length : 0);
  const api = createFakeWecomApi({ ...APP, store, faults, isKnownUser: async () => true });
  const { server, url: apiUrl } = await listenOnLoopback(api);
  await migrateDatabase(databaseUrl);
  const db = await connectDb(databaseUrl);
  try {
    const work = await seedChaosWork(db, 'default', o.recipients, new Date(), o.personalDelayMs ?? 0);
    o.log(`seeded: ${o.recipients} members, activity ${work.activityId}, ${o.recipients} personal texts; database ${databaseUrl}`);
    const bot = botRunner(o, databaseUrl, apiUrl, join(dir, 'bot.log'), faults);
    const kills = { duringStart: 0, atRandom: 0, afterCall: 0 };
    let cardTargeted = false;
    for (let round = 1; round <= o.rounds; round++) {
      const pick = random();
      const startShare = o.startupKillShare ?? 0.25;
      if (!cardTargeted && (await db.outbox.count({ where: { kind: 'card', status: 'sent' } })) > 0) cardTargeted = true;
      let mode: keyof typeof kills = pick < startShare ? 'duringStart' : pick < startShare + (o.afterCallKillShare ?? 0.4) ? 'afterCall' : 'atRandom';
      // The first kill after start-up waits for the notice card: WeCom delivers it, the bot never hears.
      if (!cardTargeted && mode !== 'duringStart') mode = 'afterCall';
      const what = await bot.killAt(
        mode === 'duringStart' ? { afterSpawnMs: 200 + random() * 1_300 }
          : mode === 'afterCall'
            // Waiting for the card is not capped at maxKillMs: on a loaded machine the first tick
            // can take seconds to reach it, and a kill before it would not test the repeat.
            ? (cardTargeted ? { afterCall: 1 + Math.floor(random() * 16), orAfterReadyMs: o.maxKillMs } : { afterCall: 'card', orAfterReadyMs: CARD_WAIT_MS })
            : { afterReadyMs: random() * o.maxKillMs },
      );
      kills[mode]++;
      if (mode === 'afterCall') cardTargeted = true;
      o.log(`round ${round}: killed ${what}; ${await progress(db, store, work)}`);
    }
    await bot.runUntil(() => finished(db, work));
    o.log(`clean run done; ${await progress(db, store, work)}`);
    return await report(db, store, faults, work, kills, started);
  } finally {
    await db.$disconnect();
    server.close();
    server.closeAllConnections();
    cluster?.stop();
    if (o.keep) o.log(`kept: ${dir} (chaos.db, bot.log)`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** How long the first kill waits for the notice card to be carried out before giving up. */
const CARD_WAIT_MS = 60_000;

type KillPoint = { afterSpawnMs: number } | { afterReadyMs: number } | { afterCall: number | 'card'; orAfterReadyMs: number };

/** Starts bot processes one at a time against the fake. */
function botRunner(o: ChaosOptions, databaseUrl: string, apiUrl: string, logFile: string, faults: FaultPlan) {
  const env = {
    ...process.env, PORT: '0', DATABASE_URL: databaseUrl, ORG_CODE: 'default', LOG_LEVEL: o.keep ? 'info' : 'warn', WECOM_API_BASE: apiUrl,
    WECOM_CORP_ID: APP.corpId, WECOM_AGENT_ID: String(APP.agentId), WECOM_SECRET: APP.secret, WECOM_TOKEN: APP.token, WECOM_AES_KEY: APP.aesKey, CONSOLE_SESSION_SECRET: 'chaos-console-secret-0123456789abcdefghij',
  };
  const instances = o.instances ?? 1;
  type Bot = ReturnType<typeof start>;
  const running = new Set<Bot>();
  /** Tops up to `instances` bots; returns the one started last (the next victim). */
  const topUp = (): Bot => {
    let last: Bot | undefined;
    while (running.size < instances) {
      const bot = start();
      running.add(bot);
      void bot.exited.then(() => running.delete(bot));
      last = bot;
    }
    return last ?? [...running][running.size - 1]!;
  };
  const start = () => {
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', o.botEntry, JSON.stringify(BOT_OUTBOX)], { env, stdio: ['ignore', 'pipe', log] });
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`the bot exited (${code}) before it was ready; see ${logFile}`)));
    });
    ready.catch(() => {});
    return { child, ready, exited: new Promise<void>((resolve) => child.once('exit', () => resolve())) };
  };
  return {
    /** Runs a bot and kills it at `point`; says where the kill landed. */
    async killAt(point: KillPoint): Promise<string> {
      const bot = topUp();
      let what = 'during start-up';
      if ('afterSpawnMs' in point) {
        await sleep(point.afterSpawnMs);
      } else if ('afterReadyMs' in point) {
        await bot.ready;
        await sleep(point.afterReadyMs);
        what = 'at a random moment after start-up';
      } else {
        what = await killAfterCall(faults, bot.child, point.afterCall, bot.ready.then(() => sleep(point.orAfterReadyMs), () => undefined));
      }
      bot.child.kill('SIGKILL');
      await bot.exited;
      return what;
    },
    async runUntil(done: () => Promise<boolean>) {
      topUp();
      await Promise.all([...running].map((b) => b.ready));
      const deadline = Date.now() + 10 * 60_000;
      while (!(await done())) {
        if (Date.now() > deadline) throw new Error('the clean run did not finish in 10 minutes');
        await sleep(250);
      }
      await Promise.all([...running].map((b) => stop(b.child, b.exited)));
    },
  };
}

/** Kills the bot the moment WeCom has carried out its n-th message/send (or the card), before the answer leaves. */
function killAfterCall(faults: FaultPlan, child: ChildProcess, n: number | 'card', fallback: Promise<void>): Promise<string> {
  let seen = 0;
  return new Promise((resolve) => {
    const handler: NonNullable<FaultPlan['onCarriedOut']> = ({ path, body }) => {
      if (path !== SEND) return;
      seen++;
      const card = body.msgtype === 'template_card';
      if (n === 'card' ? !card : seen < n) return;
      child.kill('SIGKILL');
      faults.onCarriedOut = undefined;
      resolve(`after WeCom carried out message/send #${seen} (${card ? 'the notice card' : 'a text'}), before it answered`);
    };
    faults.onCarriedOut = handler;
    void fallback.then(() => {
      if (faults.onCarriedOut === handler) faults.onCarriedOut = undefined;
      resolve(`${seen} calls in, with nothing more to send`);
    });
  });
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
  await exited;
}

/** Nothing left to send: no row waiting or in flight, no due notice not yet in the outbox. */
async function finished(db: Db, work: ChaosWork): Promise<boolean> {
  const open = await db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } });
  const notices = await db.notice.count({ where: { activityId: work.activityId, kind: { startsWith: 'notice' }, status: { in: ['planned', 'queued'] } } });
  return open === 0 && notices === 0;
}

async function progress(db: Db, store: SimStore, work: ChaosWork): Promise<string> {
  const byStatus = await db.outbox.groupBy({ by: ['status'], _count: { _all: true } });
  const rows = byStatus.map((s) => `${s.status} ${s._count._all}`).join(', ');
  const [card, text] = counts(store, work).map((c) => c.one + c.twoOrMore);
  return `outbox ${rows || 'empty'}; cards delivered to ${card}, texts to ${text}`;
}

function counts(store: SimStore, work: ChaosWork): ChaosCount[] {
  const cards = store.deliveryCounts((m) => m.kind === 'card' && String(m.card?.task_id).startsWith(`notice-${work.activityId}-`));
  const texts = store.deliveryCounts((m) => m.kind === 'text' && m.text === PERSONAL_TEXT);
  return [
    tally(`notice card (${work.users.length} recipients, one message/send per 1,000)`, cards, work.users),
    tally('personal text (one row per person)', texts, work.users),
  ];
}

function tally(message: string, delivered: Map<string, number>, users: string[]): ChaosCount {
  const n = users.map((u) => delivered.get(u) ?? 0);
  return { message, recipients: users.length, zero: n.filter((x) => x === 0).length, one: n.filter((x) => x === 1).length, twoOrMore: n.filter((x) => x >= 2).length };
}

async function report(db: Db, store: SimStore, faults: FaultPlan, work: ChaosWork, kills: ChaosReport['kills'], started: number): Promise<ChaosReport> {
  // The harness's own rows (the notice card, the personal texts): the bot runs on the real
  // clock, and a quarterly reminder that falls due meanwhile (a text to the same deputies) is
  // not part of the drill.
  const drill = { OR: [{ kind: 'card' }, { idempotencyKey: { startsWith: PERSONAL_KEY_PREFIX } }] };
  const byStatus = await db.outbox.groupBy({ by: ['status'], where: drill, _count: { _all: true } });
  const sends = faults.calls.filter((c) => c.path === SEND);
  return {
    counts: counts(store, work),
    kills,
    sendCalls: sends.length,
    faultsInjected: sends.filter((c) => c.fault).length,
    droppedByDuplicateCheck: [...(store.sendRules?.suppressed.values() ?? [])].reduce((a, b) => a + b, 0),
    refusedTaskIds: store.sendRules?.refusedTaskIds ?? 0,
    outbox: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])),
    alreadyDelivered: await db.outbox.count({ where: { ...drill, response: { contains: 'alreadyDelivered' } } }),
    seconds: Math.round((Date.now() - started) / 1000),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
