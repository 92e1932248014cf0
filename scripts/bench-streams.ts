// npm run bench:streams -- [--apps 10,100,300]
//
// A province whose counties each have their own DingTalk app: one Stream per app (issue 14,
// many organisations). For each size, a fresh SQLite database gets that many organisations with
// a stored DingTalk app (sealed as `npm run org -- add` seals it), then the bot starts against
// the fake DingTalk on loopback (its workers not started: only the Streams are measured, and the
// Stream package is loaded before the first reading). Measured: the time from start() until
// every app's Stream is open at the fake gateway; the JavaScript memory the open Streams hold
// (V8 heap plus buffers outside it, after a full GC, against the same reading before start();
// the process's RSS moves by more than that between two readings, so it is printed but not
// divided); and one recheck (what the bot runs every minute to open added apps' Streams). The
// fake DingTalk runs in the same process, so its server-side sockets are counted too: an upper
// bound. Prints one table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createBotApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/lib/logger.ts';
import { SecretBox } from '../src/lib/secret-box.ts';
import { sealDingtalkApp } from '../src/platforms/dingtalk/org-apps.ts';
import { insertDingtalkApp, type DingtalkAppFields } from '../src/repositories/org-dingtalk-repo.ts';
import { ensureOrganisation } from '../src/repositories/people-repo.ts';
import { FakeDingtalk } from '../src/simulator/fake-dingtalk.ts';
// Loaded here, not at start(): the RSS before start() already holds the Stream package.
import '../src/platforms/dingtalk/streams.ts';

const { values } = parseArgs({ options: { apps: { type: 'string', default: '10,100,300' } } });
const sizes = values.apps.split(',').map(Number);
const MB = 2 ** 20;

interface Row {
  apps: number;
  connectMs: number;
  rssBefore: number;
  rssAfter: number;
  heldBytes: number;
  recheckMs: number;
}

async function measure(apps: number): Promise<Row> {
  const dt = new FakeDingtalk();
  const url = await dt.start();
  const dir = mkdtempSync(join(tmpdir(), 'bench-streams-'));
  const config = loadConfig({
    PORT: '0', DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'warn', ORG_CODE: 'county-0',
    SECRETS_KEY: Buffer.alloc(32, 5).toString('base64'), CONSOLE_SESSION_SECRET: 'bench-streams-console-session-secret-0123456789',
    DINGTALK_API_BASE: url, DINGTALK_LOGIN_BASE: url, DINGTALK_OAPI_BASE: url,
  });
  const logger = createLogger('warn', new Writable({ write: (_chunk, _enc, done) => done() }));
  try {
    // The organisations and their apps, stored before the bot starts (as `npm run org -- add` leaves them).
    const setup = await createBotApp(config, { logger, workers: 'manual' });
    const box = new SecretBox(config.secretsKeys!);
    for (let i = 1; i <= apps; i++) {
      const org = await ensureOrganisation(setup.db, `county-${i}`, `县${i}`);
      const sealed = sealDingtalkApp(box, org.id, { clientId: `ding${i}`, clientSecret: `secret-${i}`, robotCode: `ding${i}`, noticeTemplate: 'notice.schema', approvalTemplate: 'approval.schema' });
      await insertDingtalkApp(setup.db, org.id, sealed as DingtalkAppFields, new Date());
    }
    await setup.stop();

    const bot = await createBotApp(config, { logger, workers: 'manual' });
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const heldBefore = held();
    const started = performance.now();
    await bot.start();
    for (let i = 1; i <= apps; i++) await dt.waitConnected(120_000, `ding${i}`);
    const connectMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1_000));
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;
    const heldBytes = held() - heldBefore;
    const recheckStarted = performance.now();
    await bot.dingtalkStreams!.recheck();
    const recheckMs = performance.now() - recheckStarted;
    await bot.stop();
    return { apps, connectMs, rssBefore, rssAfter, heldBytes, recheckMs };
  } finally {
    await dt.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** V8's heap and the buffers outside it: what this process's JavaScript holds. */
function held(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

const rows: Row[] = [];
for (const size of sizes) rows.push(await measure(size));
console.log('| apps (organisations) | all Streams open | RSS before start | RSS with all open | heap + buffers per Stream | one recheck |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const per = (r.heldBytes / r.apps / 1024).toFixed(0);
  console.log(`| ${r.apps} | ${(r.connectMs / 1000).toFixed(2)} s | ${(r.rssBefore / MB).toFixed(0)} MB | ${(r.rssAfter / MB).toFixed(0)} MB | ${per} KB | ${r.recheckMs.toFixed(1)} ms |`);
}
process.exit(0);
