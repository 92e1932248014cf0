// npm run bench:outbox [-- --rows 300 --faults 0.4 --root DIR]
// Outbox throughput when WeCom is slow or flaky: N personal texts to N members through the
// real worker and WeCom client against the fake WeCom API, a share of calls answered after 3 s
// or 11 s (past the client's 10 s timeout) or cut after WeCom carried them out. Prints rows/s until every row is settled, and what each
// member got. --root runs another checkout's bot (to compare with main).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FaultPlan, seededRandom } from '../src/simulator/fake-faults.ts';
import { createFakeWecomApi, listenOnLoopback } from '../src/simulator/fake-wecom-api.ts';
import { SimStore } from '../src/simulator/sim-store.ts';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { rows: { type: 'string', default: '300' }, faults: { type: 'string', default: '0.4' }, root: { type: 'string', default: resolve(import.meta.dirname, '..') } },
});
const rows = Number(values.rows);
const rate = Number(values.faults);
const root = resolve(String(values.root));
const APP = { corpId: 'wwbench0001', secret: 'bench-secret', agentId: 1000002 };

const { createBotApp } = await import(join(root, 'src/app.ts'));
const { loadConfig } = await import(join(root, 'src/config.ts'));
const { createLogger } = await import(join(root, 'src/lib/logger.ts'));
const { Outbound } = await import(join(root, 'src/services/outbound.ts'));

const store = new SimStore();
const faults = new FaultPlan(seededRandom(42)).randomly('/cgi-bin/message/send', rate, [
  { kind: 'delay', ms: 3_000, when: 'after' },
  { kind: 'delay', ms: 11_000, when: 'after' }, // past the client's 10 s timeout
  { kind: 'reset', when: 'after' },
]);
const { server, url } = await listenOnLoopback(createFakeWecomApi({ ...APP, store, faults, isKnownUser: async () => true }));
const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
const config = loadConfig({
  PORT: '0', DATABASE_URL: `file:${join(dir, 'bench.db')}`, LOG_LEVEL: 'silent', WECOM_API_BASE: url,
  WECOM_CORP_ID: APP.corpId, WECOM_AGENT_ID: String(APP.agentId), WECOM_SECRET: APP.secret, WECOM_TOKEN: 'benchtoken', WECOM_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', CONSOLE_SESSION_SECRET: 'bench-console-secret-0123456789abcdefghij',
});
const bot = await createBotApp(config, { logger: createLogger('silent'), workers: 'manual', outbox: { backoff: { baseMs: 500, maxMs: 2_000 } } });
const now = () => new Date();
await new Outbound(bot.db, { now }).send(bot.orgId, 'wecom', Array.from({ length: rows }, (_, i) => ({
  key: `bench:${i}`, message: { kind: 'text', toUsers: [`m${i}`], text: '（压测）请确认周五的学习安排。' },
})));

const started = Date.now();
let at95: number | undefined; // the slowest rows are those the fake faulted again and again
const sampler = setInterval(() => {
  void bot.db.outbox.count({ where: { status: 'sent' } }).then((sent: number) => {
    if (at95 === undefined && sent >= rows * 0.95) at95 = (Date.now() - started) / 1000;
  });
}, 200);
for (;;) {
  await bot.workers.outbox.runOnce();
  const open = await bot.db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } });
  if (open === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
const seconds = (Date.now() - started) / 1000;
clearInterval(sampler);
const counts = [...store.deliveryCounts().values()];
const byStatus = await bot.db.outbox.groupBy({ by: ['status'], _count: { _all: true } });
console.log('| code | rows | faults | 95 % sent after s | all settled after s | rows/s (all) | members served once | twice or more | outbox |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
console.log(`| ${root} | ${rows} | ${Math.round(rate * 100)} % (3 s and 11 s answers, resets after processing) | ${at95?.toFixed(1) ?? '-'} | ${seconds.toFixed(1)} | ${(rows / seconds).toFixed(1)} | ${counts.filter((c) => c === 1).length} | ${counts.filter((c) => c > 1).length} | ${byStatus.map((s: { status: string; _count: { _all: number } }) => `${s.status} ${s._count._all}`).join(', ')} |`);
await bot.db.$disconnect();
server.close();
server.closeAllConnections();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
