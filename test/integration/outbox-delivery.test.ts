// The outbox and the WeCom client together, with a fixed clock and the workers driven by hand:
// token refresh, backoff, final errors, restart recovery and the per-member rate limit.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { claimDueRows } from '../../src/repositories/outbox-repo.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { mockWecomApi, type WecomApiMock } from '../helpers/wecom-api-mock.ts';

const clock = fixedClock('2026-11-23T01:00:00Z');
let t: TestBot;
let api: WecomApiMock;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterAll(() => nock.enableNetConnect());

beforeEach(async () => {
  api = mockWecomApi();
  t = await startTestBot({ clock, workers: 'manual' });
});

afterEach(async () => {
  await t.stop();
  nock.cleanAll();
});

async function enqueueText(key: string, user = 'zhangsan', text = '测试消息') {
  const { Outbound } = await import('../../src/services/outbound.ts');
  await new Outbound(t.bot.db, clock).send(t.bot.orgId, 'wecom', [{ key, message: { kind: 'text', toUsers: [user], text } }]);
}

const row = (key: string) => t.bot.db.outbox.findUniqueOrThrow({ where: { idempotencyKey: key } });

describe('outbox delivery through the WeCom client', () => {
  it('an idempotency key enqueues once', async () => {
    await enqueueText('k-once');
    await enqueueText('k-once', 'zhangsan', '另一条');
    expect(await t.bot.db.outbox.count({ where: { idempotencyKey: 'k-once' } })).toBe(1);
    await t.bot.workers!.outbox.runOnce();
    expect(api.sends()).toHaveLength(1);
    expect(api.sends()[0]!.text.content).toBe('测试消息');
  });

  it('a token that expires mid-run (42001) is refreshed once and the send succeeds', async () => {
    await enqueueText('k1');
    await t.bot.workers!.outbox.runOnce();
    expect(api.tokensIssued).toBe(1);
    api.expireTokens();
    await enqueueText('k2');
    await t.bot.workers!.outbox.runOnce();
    expect(api.tokensIssued).toBe(2);
    expect((await row('k2')).status).toBe('sent');
    expect((await row('k2')).attempts).toBe(1);
    expect(api.sends()).toHaveLength(2);
  });

  it('45009 backs off, then the row is sent', async () => {
    api.failNext('/cgi-bin/message/send', 45009);
    await enqueueText('k-busy');
    await t.bot.workers!.outbox.runOnce();
    const waiting = await row('k-busy');
    expect(waiting.status).toBe('pending');
    expect(waiting.lastErrcode).toBe(45009);
    expect(waiting.nextAttemptAt.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(60_000);
    expect(await t.bot.workers!.outbox.runOnce()).toBe(0); // not due yet
    clock.advance(waiting.nextAttemptAt.getTime() - clock.now().getTime());
    await t.bot.workers!.outbox.runOnce();
    expect((await row('k-busy')).status).toBe('sent');
    expect(t.bot.metrics.read('bot_platform_send_errors_total', { channel: 'wecom', errcode: 45009 })).toBe(1);
  });

  it('81013 is final: the row is dead with the reason after one try', async () => {
    api.failNext('/cgi-bin/message/send', 81013);
    await enqueueText('k-nobody', 'left-the-company');
    await t.bot.workers!.outbox.runOnce();
    const dead = await row('k-nobody');
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(1);
    expect(dead.lastErrcode).toBe(81013);
    expect(dead.lastError).toMatch(/81013/);
  });

  it('a transient error repeated past the try limit ends in a dead row', async () => {
    api.failNext('/cgi-bin/message/send', ...Array(8).fill(-1));
    await enqueueText('k-flaky');
    for (let i = 0; i < 8; i++) {
      await t.bot.workers!.outbox.runOnce();
      clock.advance(16 * 60_000); // past the largest backoff
    }
    const dead = await row('k-flaky');
    expect(dead.status).toBe('dead');
    expect(dead.attempts).toBe(8);
  });

  it('backoff grows between tries', async () => {
    api.failNext('/cgi-bin/message/send', -1, -1, -1);
    await enqueueText('k-grow');
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      await t.bot.workers!.outbox.runOnce();
      const r = await row('k-grow');
      waits.push(r.nextAttemptAt.getTime() - clock.now().getTime());
      clock.advance(waits.at(-1)!);
    }
    expect(waits[1]!).toBeGreaterThan(waits[0]! / 2);
    expect(Math.max(...waits)).toBeLessThanOrEqual(8_000);
    expect(waits[2]!).toBeGreaterThanOrEqual(4_000);
  });

  it('keeps to 30 messages a minute to one member, and sends the rest after the minute', async () => {
    for (let i = 0; i < 35; i++) await enqueueText(`burst-${i}`, 'busyperson');
    await t.bot.workers!.outbox.runOnce();
    expect(api.sends()).toHaveLength(30);
    const deferred = await t.bot.db.outbox.findMany({ where: { recipient: 'busyperson', status: 'pending' } });
    expect(deferred).toHaveLength(5);
    expect(deferred.every((r) => r.attempts === 0)).toBe(true);
    clock.advance(30_000);
    await t.bot.workers!.outbox.runOnce();
    expect(api.sends()).toHaveLength(30);
    clock.advance(31_000);
    await t.bot.workers!.outbox.runOnce();
    expect(api.sends()).toHaveLength(35);
  });
});

describe('restart', () => {
  it('rows left in "sending" by a crashed process are sent after a restart', async () => {
    await enqueueText('k-crash');
    // Another process claimed the row and died before recording the answer.
    const claimed = await claimDueRows(t.bot.db, clock.now(), 10, 60_000);
    expect(claimed).toHaveLength(1);
    expect((await row('k-crash')).status).toBe('sending');
    await t.stop({ keepFiles: true });

    clock.advance(61_000);
    t = await startTestBot({ clock, workers: 'manual', dir: t.dir });
    await t.bot.workers!.outbox.runOnce();
    const sent = await row('k-crash');
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toBe(2);
    expect(api.sends()).toHaveLength(1);
  });
});
