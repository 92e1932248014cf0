// The inbound worker and dispatcher on a real database: retries, the final failure telling
// the user, events left "processing" by a crashed worker, and per-sender ordering.
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBot } from '../../src/bot/commands/index.ts';
import { Dispatcher } from '../../src/bot/dispatcher.ts';
import { Router } from '../../src/bot/router.ts';
import { messages } from '../../src/bot/messages.ts';
import { InboundWorker, type EventHandler } from '../../src/jobs/inbound-worker.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { Metrics } from '../../src/lib/metrics.ts';
import { driverOf } from '../../src/repositories/driver-sql.ts';
import { claimDueEvents, insertNewEvents } from '../../src/repositories/inbound-repo.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addPerson } from '../helpers/seed.ts';

const quiet = createLogger('silent', new Writable({ write: (_c, _e, done) => done() }));
let tdb: TestDb;
let orgId: number;
const clock = fixedClock('2026-11-23T02:00:00Z');

beforeEach(async () => {
  tdb = await createTestDb();
  orgId = (await ensureOrganisation(tdb.db, 'test')).id;
  await addPerson(tdb.db, orgId, { name: '张三', mobile: '13800000001', wecom: 'zhangsan' });
});
afterEach(() => tdb.close());

async function addEvent(key: string, text: string, sender = 'zhangsan') {
  const payload = { channel: 'wecom', type: 'message', senderId: sender, chatType: 'single', sentAt: clock.now().toISOString(), msgId: key, msgType: 'text', text };
  await insertNewEvents(tdb.db, [{ orgId, channel: 'wecom', platformKey: key, kind: 'message', senderId: sender, payload: JSON.stringify(payload), receivedAt: clock.now() }]);
}

const event = (key: string) => tdb.db.inboundEvent.findFirstOrThrow({ where: { platformKey: key } });

describe('inbound worker', () => {
  it('retries a failing event with backoff and marks it done when it succeeds', async () => {
    let calls = 0;
    const handler: EventHandler = { handle: async () => { if (++calls === 1) throw new Error('database hiccup'); } };
    const worker = new InboundWorker(tdb.db, handler, clock, quiet, new Metrics());
    await addEvent('e1', '帮助');
    await worker.runOnce();
    const retrying = await event('e1');
    expect(retrying).toMatchObject({ status: 'pending', attempts: 1, lastError: 'database hiccup' });
    expect(retrying.nextAttemptAt.getTime()).toBeGreaterThan(clock.now().getTime());
    clock.advance(60_000);
    await worker.runOnce();
    expect(await event('e1')).toMatchObject({ status: 'done', attempts: 2, lastError: null });
  });

  it('after the last try marks the event failed and the user is told to send again', async () => {
    const outbound = new Outbound(tdb.db, clock);
    const boom = new Router([{ name: '帮助', summary: '', audience: 'everyone', run: async () => { throw new Error('bug'); } }], []);
    const worker = new InboundWorker(tdb.db, new Dispatcher({ db: tdb.db, clock, outbound, logger: quiet }, boom), clock, quiet, new Metrics());
    await addEvent('e2', '帮助');
    for (let i = 0; i < 4; i++) {
      await worker.runOnce();
      clock.advance(120_000);
    }
    expect(await event('e2')).toMatchObject({ status: 'failed', attempts: 4, lastError: 'bug' });
    const replies = await tdb.db.outbox.findMany();
    expect(replies).toHaveLength(1);
    expect(JSON.parse(replies[0]!.payload).text).toBe(messages.systemError);
  });

  it('a query the database refuses for its values fails at once: told once, one short log line, no retry', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }));
    const outbound = new Outbound(tdb.db, clock);
    // The kind of bug a bad id used to hit: Prisma refuses NaN before anything is read.
    const nan = new Router([{ name: '帮助', summary: '', audience: 'everyone', run: async () => void (await tdb.db.leaveRequest.findUnique({ where: { id: Number('1 OR 1=1') } })) }], []);
    const worker = new InboundWorker(tdb.db, new Dispatcher({ db: tdb.db, clock, outbound, logger }, nan), clock, logger, new Metrics());
    await addEvent('e-nan', '帮助');
    await worker.runOnce();
    clock.advance(3600_000);
    expect(await worker.runOnce()).toBe(0);
    const row = await event('e-nan');
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toMatch(/^PrismaClientValidationError: /);
    expect(row.lastError).not.toContain('\n');
    const replies = await tdb.db.outbox.findMany();
    expect(replies.map((r) => JSON.parse(r.payload).text)).toEqual([messages.systemError]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('inbound event failed for good');
    expect(lines[0]).not.toMatch(/leave-repo|findUnique\(\{|→/);
  });

  it('takes back an event a crashed worker left "processing" once its lock expires', async () => {
    await addEvent('e3', '帮助');
    expect(await claimDueEvents(tdb.db, clock.now(), 10, 60_000)).toHaveLength(1); // the worker that died
    const seen: string[] = [];
    const worker = new InboundWorker(tdb.db, { handle: async (e) => void seen.push(e.payload) }, clock, quiet, new Metrics());
    expect(await worker.runOnce()).toBe(0);
    clock.advance(61_000);
    expect(await worker.runOnce()).toBe(1);
    expect(seen).toHaveLength(1);
    expect(await event('e3')).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('handles one sender\'s events in arrival order', async () => {
    const order: string[] = [];
    const handler: EventHandler = {
      handle: async (e) => {
        await new Promise((r) => setTimeout(r, 10 - order.length));
        order.push(JSON.parse(e.payload).text);
      },
    };
    for (const text of ['一', '二', '三']) await addEvent(`o-${text}`, text);
    await new InboundWorker(tdb.db, handler, clock, quiet, new Metrics()).runOnce();
    expect(order).toEqual(['一', '二', '三']);
  });

  it('with lanes, a slow sender holds back nobody else and each sender keeps their order', async () => {
    const order: string[] = [];
    let releaseSlow!: () => void;
    const slowHeld = new Promise<void>((resolve) => (releaseSlow = resolve));
    const handler: EventHandler = {
      handle: async (e) => {
        const { senderId, text } = JSON.parse(e.payload) as { senderId: string; text: string };
        // 张三's first message waits until 李四's last one is handled: one lane at a time never gets there.
        if (text === '张1') await Promise.race([slowHeld, new Promise((_, fail) => setTimeout(() => fail(new Error('lanes did not run side by side')), 5_000))]);
        if (text === '李2') releaseSlow();
        order.push(`${senderId}:${text}`);
      },
    };
    await addEvent('p1', '张1');
    await addEvent('p2', '李1', 'lisi');
    await addEvent('p3', '张2');
    await addEvent('p4', '李2', 'lisi');
    const worker = new InboundWorker(tdb.db, handler, clock, quiet, new Metrics(), 100, 500, 4);
    expect(await worker.runOnce()).toBe(4);
    expect(order).toEqual(['lisi:李1', 'lisi:李2', 'zhangsan:张1', 'zhangsan:张2']);
    for (const key of ['p1', 'p2', 'p3', 'p4']) expect((await event(key)).status).toBe('done');
  });

  it('by default handles several senders side by side; on SQLite their replies and final marks share commits', async () => {
    const people = ['甲', '乙', '丙', '丁', '戊', '己'].map((name, i) => ({ name, mobile: `1390000000${i}`, wecom: `deputy${i}` }));
    for (const p of people) await addPerson(tdb.db, orgId, p);
    const outbound = new Outbound(tdb.db, clock);
    const bot = createBot();
    const dispatcher = new Dispatcher({ db: tdb.db, clock, outbound, logger: quiet }, bot.router, bot.flows);
    let handling = 0;
    let most = 0;
    const handler: EventHandler = {
      handle: async (e, finalAttempt) => {
        most = Math.max(most, ++handling);
        try {
          await dispatcher.handle(e, finalAttempt);
        } finally {
          handling--;
        }
      },
    };
    for (const p of people) await addEvent(`s-${p.wecom}`, '我的信息', p.wecom);
    const driver = driverOf(tdb.db);
    const commits = driver ? vi.spyOn(driver, 'transaction') : undefined;
    const worker = new InboundWorker(tdb.db, handler, clock, quiet, new Metrics());
    expect(await worker.runOnce()).toBe(people.length);
    expect(most).toBe(people.length);
    const replies = await tdb.db.outbox.findMany();
    expect(replies.map((r) => r.recipient).sort()).toEqual(people.map((p) => p.wecom).sort());
    for (const p of people) expect((await event(`s-${p.wecom}`)).status).toBe('done');
    // Six replies and six final marks committed alone would be twelve commits and no transaction.
    if (commits) expect(commits.mock.calls.length).toBeGreaterThanOrEqual(1);
    if (commits) expect(commits.mock.calls.length).toBeLessThanOrEqual(3);
  });
});

describe('dispatcher replies', () => {
  it('a retried event produces no second reply (idempotent reply keys)', async () => {
    const outbound = new Outbound(tdb.db, clock);
    const bot = createBot();
    const dispatcher = new Dispatcher({ db: tdb.db, clock, outbound, logger: quiet }, bot.router, bot.flows);
    await addEvent('e4', '我的信息');
    const [claimed] = await claimDueEvents(tdb.db, clock.now(), 1, 60_000);
    await dispatcher.handle(claimed!, false);
    await dispatcher.handle(claimed!, false);
    const replies = await tdb.db.outbox.findMany();
    expect(replies).toHaveLength(1);
    expect(JSON.parse(replies[0]!.payload).text).toContain('张三的名册信息');
  });
});
