// Rule R6: data kept only as long as it serves. A visitor recorded through the real register
// dialog leaves their name and phone in the queues (the callbacks as typed, the replies that
// repeat them); RETENTION_DAYS after processing the scheduler tick erases those payloads, keeps
// the rows and their keys, leaves a dead message's content for staff, deletes dialogs that
// timed out long ago, and counts and logs what it did. The register itself is untouched.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertNewEvents } from '../../src/repositories/inbound-repo.ts';
import { startFlowBot, type FlowBot } from '../helpers/flow-bot.ts';

const DAY = 86_400_000;
const PHONE = '13912345678';
let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};

async function recordVisitor(): Promise<void> {
  await say('lichunmei', '接待登记');
  await say('lichunmei', '王大妈');
  await say('lichunmei', PHONE);
  await say('lichunmei', '城关镇幸福村3组');
  await say('lichunmei', '幸福村主干道路灯损坏已超过一个月，夜间出行不便。');
  expect(await say('lichunmei', '1')).toContain(`电话：${PHONE}`);
  await say('lichunmei', '是');
  await say('lichunmei', '完成');
}

/** Rows whose payload holds `text`, among those made before `before` (all by default). */
const holding = async (text: string, before = new Date('9999-12-31T00:00:00Z')) => ({
  inbound: await fb.t.bot.db.inboundEvent.count({ where: { payload: { contains: text }, receivedAt: { lt: before } } }),
  outbox: await fb.t.bot.db.outbox.count({ where: { payload: { contains: text }, createdAt: { lt: before } } }),
});

describe('rule R6: the retention job', () => {
  it('erases visitors\' names and phones from processed callbacks and sent messages after RETENTION_DAYS, keeping the rows and keys', async () => {
    await recordVisitor();
    expect(await holding(PHONE)).toEqual({ inbound: 1, outbox: 1 }); // as typed, and in the summary to confirm
    expect((await holding('王大妈')).outbox).toBeGreaterThan(0);
    const keysBefore = (await fb.t.bot.db.inboundEvent.findMany({ select: { platformKey: true }, orderBy: { id: 'asc' } })).map((r) => r.platformKey);
    const outboxKeysBefore = (await fb.t.bot.db.outbox.findMany({ select: { idempotencyKey: true }, orderBy: { id: 'asc' } })).map((r) => r.idempotencyKey);

    fb.clock.advance(29 * DAY); // within RETENTION_DAYS (30 by default): nothing is erased
    await tick();
    expect(await holding(PHONE)).toEqual({ inbound: 1, outbox: 1 });

    fb.clock.advance(2 * DAY);
    await tick();
    expect(await holding(PHONE)).toEqual({ inbound: 0, outbox: 0 });
    // The office's overdue lists of the last 30 days name her (rule R4); nothing older does.
    expect(await holding('王大妈', new Date(fb.clock.now().getTime() - 30 * DAY))).toEqual({ inbound: 0, outbox: 0 });
    const inbound = await fb.t.bot.db.inboundEvent.findMany({ orderBy: { id: 'asc' } });
    expect(inbound.map((r) => r.platformKey)).toEqual(keysBefore);
    expect(inbound.every((r) => r.payload === '{}' && r.erasedAt !== null && r.lastError === null)).toBe(true);
    const outbox = await fb.t.bot.db.outbox.findMany({ where: { idempotencyKey: { in: outboxKeysBefore } }, orderBy: { id: 'asc' } });
    expect(outbox.map((r) => r.idempotencyKey)).toEqual(outboxKeysBefore);
    expect(outbox.every((r) => r.payload === '{}' && r.response === null && r.status === 'sent')).toBe(true);
    const erasedOutbox = await fb.t.bot.db.outbox.count({ where: { erasedAt: { not: null } } });

    // The keys still deduplicate: the same callback claimed again inserts nothing.
    const again = await insertNewEvents(fb.t.bot.db, [{ ...inbound[0]!, payload: '{"again":true}', kind: 'message' }]);
    expect(again.size).toBe(0);
    // The register keeps what rules R3–R5 need.
    expect(await fb.t.bot.db.receptionVisit.findFirstOrThrow()).toMatchObject({ visitorName: '王大妈', visitorPhone: PHONE });
    expect(fb.t.bot.metrics.read('bot_retention_erased_total', { table: 'inbound' })).toBe(inbound.length);
    expect(fb.t.bot.metrics.read('bot_retention_erased_total', { table: 'outbox' })).toBe(erasedOutbox);
    expect(fb.t.logs.join('')).toContain('retention: erased what is older than RETENTION_DAYS');
  });

  it('a dead message keeps its content for staff to retry or discard; a run twice changes nothing more', async () => {
    fb.chat.api.failNext('/cgi-bin/message/send', 81013); // final: the reply goes dead
    await say('lichunmei', '我的信息');
    const dead = await fb.t.bot.db.outbox.findFirstOrThrow({ where: { status: 'dead' } });
    fb.clock.advance(40 * DAY);
    await tick();
    expect(await fb.t.bot.db.outbox.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({ payload: dead.payload, erasedAt: null });
    const erased = await fb.t.bot.db.inboundEvent.findFirstOrThrow();
    expect(erased.erasedAt).not.toBeNull();
    const counted = fb.t.bot.metrics.read('bot_retention_erased_total', { table: 'inbound' });
    fb.clock.advance(DAY);
    await tick();
    expect(fb.t.bot.metrics.read('bot_retention_erased_total', { table: 'inbound' })).toBe(counted);
    expect((await fb.t.bot.db.inboundEvent.findFirstOrThrow()).erasedAt).toEqual(erased.erasedAt);
  });

  it('a register dialog left half-way (a visitor\'s phone in its draft) is deleted RETENTION_DAYS after it timed out', async () => {
    await say('lichunmei', '接待登记');
    await say('lichunmei', '王大妈');
    await say('lichunmei', PHONE);
    expect((await fb.t.bot.db.dialog.findFirstOrThrow()).draft).toContain(PHONE);
    fb.clock.advance(20 * DAY);
    await tick();
    expect(await fb.t.bot.db.dialog.count()).toBe(1);
    fb.clock.advance(11 * DAY);
    await tick();
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
    expect(fb.t.bot.metrics.read('bot_retention_erased_total', { table: 'dialog' })).toBe(1);
  });

  it('RETENTION_DAYS is read from the environment', async () => {
    await fb.stop();
    const { startTestBot } = await import('../helpers/bot.ts');
    const t = await startTestBot({ workers: 'manual', env: { RETENTION_DAYS: '7' } });
    expect(t.bot.config.retentionDays).toBe(7);
    await t.stop();
    fb = await startFlowBot();
  });
});
