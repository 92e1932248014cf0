// Answers in a person's own conversation go before anything scheduled: through a real callback,
// the dispatcher and the real outbox worker against the simulator's fake WeCom API. A 取消 (or
// any answer) is claimed before scheduled rows that were due earlier, takes the member's minute
// budget first, and has send slots of its own, so it goes out while slow calls of bulk
// notices fill the rest of the pool.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';
import { startFakeWecom, type FakeWecom } from '../helpers/fake-wecom.ts';
import { addPerson } from '../helpers/seed.ts';

const SEND = '/cgi-bin/message/send';
const clock = fixedClock('2026-11-23T02:00:00Z');
let t: TestBot;
let fake: FakeWecom;

beforeEach(async () => {
  clock.set('2026-11-23T02:00:00Z');
  fake = await startFakeWecom(clock);
  t = await startTestBot({ clock, workers: 'manual', env: { WECOM_API_BASE: fake.url } });
  await addPerson(t.bot.db, t.bot.orgId, { name: '张三', mobile: '13800000001', wecom: 'zhangsan', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
});

afterEach(async () => {
  await t.stop();
  await fake.stop();
});

/** Scheduled work written a minute ago, due then: texts to `users`, one row each. */
async function scheduled(prefix: string, users: string[], text = '提醒：明天 09:00 学习代表法') {
  const earlier = fixedClock(new Date(clock.now().getTime() - 60_000));
  await new Outbound(t.bot.db, earlier).send(t.bot.orgId, 'wecom', users.map((u, i) => ({ key: `${prefix}|${i}`, message: { kind: 'text', toUsers: [u], text: `${text}（${i}）` } })));
}

const sendsTo = (user: string) => fake.faults.calls.filter((c) => c.path === SEND && String(c.body.touser).split('|').includes(user));

describe('answers in a person\'s own conversation go first', () => {
  it('the answer to a message is sent before the same member\'s scheduled texts that were due earlier', async () => {
    await scheduled('notice', ['zhangsan', 'zhangsan', 'zhangsan']);
    await scheduled('bulk', Array.from({ length: 40 }, (_, i) => `member${i}`));
    expect((await t.sender.sendText('zhangsan', '取消')).status).toBe(200);
    await t.bot.workers!.inbound.runOnce();
    await t.bot.workers!.outbox.runOnce();
    const texts = sendsTo('zhangsan').map((c) => String(c.body.text?.content));
    expect(texts).toHaveLength(4);
    expect(texts[0]).not.toMatch(/^提醒/); // the answer, first
    expect(texts.slice(1).every((x) => x.startsWith('提醒：'))).toBe(true);
    // And before the bulk: the first call of the whole run was the answer.
    expect(String(fake.faults.calls.find((c) => c.path === SEND)!.body.touser)).toBe('zhangsan');
  });

  it('an answer written while slow bulk calls fill the pool goes out at once, before any of them is answered', async () => {
    // Every scheduled call takes WeCom 3 s to answer: 40 of them keep the pool busy.
    fake.faults.latencyMs = (call) => (String(call.body.text?.content ?? '').startsWith('提醒') ? 3_000 : 0);
    await scheduled('bulk', Array.from({ length: 40 }, (_, i) => `member${i}`));
    const draining = t.bot.workers!.outbox.runOnce();
    await eventually(() => fake.faults.calls.filter((c) => c.path === SEND).length >= 14);
    expect((await t.sender.sendText('zhangsan', '取消')).status).toBe(200);
    await t.bot.workers!.inbound.runOnce(); // writes the answer and pokes the outbox worker
    await eventually(() => sendsTo('zhangsan').length === 1);
    // Not one scheduled row had its answer yet: the reply did not wait for a slot to free up.
    expect(await t.bot.db.outbox.count({ where: { idempotencyKey: { startsWith: 'bulk|' }, status: 'sent' } })).toBe(0);
    await draining;
    expect(await t.bot.db.outbox.count({ where: { status: 'sent' } })).toBe(41); // 40 and the one answer
  });

  it('scheduled rows never take the last send slots: at most concurrency − 2 of them are in flight', async () => {
    fake.faults.latencyMs = () => 500;
    await scheduled('bulk', Array.from({ length: 30 }, (_, i) => `member${i}`));
    let most = 0;
    const watch = setInterval(async () => {
      most = Math.max(most, await t.bot.db.outbox.count({ where: { status: 'sending' } }));
    }, 50);
    await t.bot.workers!.outbox.runOnce();
    clearInterval(watch);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(14);
  });
});
