// Exactly once at the platform, through the real outbox worker and WeCom client against the
// simulator's fake WeCom API (its duplicate check, its unique task_id, real sockets for
// timeouts and resets). Each fault hits the first call; the person must get the message once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import type { OutboundMessage } from '../../src/platforms/types.ts';
import type { Fault } from '../../src/simulator/fake-faults.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';
import { startFakeWecom, type FakeWecom } from '../helpers/fake-wecom.ts';

const SEND = '/cgi-bin/message/send';
const clock = fixedClock('2026-11-23T01:00:00Z');
let t: TestBot;
let fake: FakeWecom;

beforeEach(async () => {
  clock.set('2026-11-23T01:00:00Z');
  fake = await startFakeWecom(clock);
  t = await startTestBot({ clock, workers: 'manual', env: { WECOM_API_BASE: fake.url } });
});

afterEach(async () => {
  await t.stop();
  await fake.stop();
});

const text = (user: string, body: string): OutboundMessage => ({ kind: 'text', toUsers: [user], text: body });
const card = (users: string[], taskId: string): OutboundMessage => ({
  kind: 'card', toUsers: users, card: { taskId, title: '学习代表法', buttons: [{ key: 'activity.attend:1', text: '参加' }] },
});

async function enqueue(key: string, message: OutboundMessage): Promise<void> {
  await new Outbound(t.bot.db, clock).send(t.bot.orgId, 'wecom', [{ key, message }]);
}

const row = (key: string) => t.bot.db.outbox.findUniqueOrThrow({ where: { idempotencyKey: key } });

/** Runs the outbox until nothing is left to do, moving the clock to each retry. */
async function drain(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await t.bot.workers!.outbox.runOnce();
    const next = await t.bot.db.outbox.findFirst({ where: { status: { in: ['pending', 'sending'] } }, orderBy: { nextAttemptAt: 'asc' } });
    if (!next) return;
    const wake = next.status === 'sending' ? next.lockedUntil! : next.nextAttemptAt;
    if (wake > clock.now()) clock.set(new Date(wake.getTime() + 1));
  }
  throw new Error('the outbox did not settle');
}

describe('what every send asks of WeCom', () => {
  it('message/send carries enable_duplicate_check 1 with a 4-hour interval; each card row has its own valid task_id', async () => {
    await enqueue('t1', text('zhangsan', '您好'));
    // Two batches of one notice: the same card id, two outbox rows.
    await enqueue('notice|1|a', card(['zhangsan'], 'notice-1-1-3-none'));
    await enqueue('notice|1|b', card(['lisi'], 'notice-1-1-3-none'));
    await drain();
    const sends = fake.faults.calls.filter((c) => c.path === SEND).map((c) => c.body);
    expect(sends).toHaveLength(3);
    for (const body of sends) expect(body).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: 14_400 });
    const taskIds = sends.filter((b) => b.msgtype === 'template_card').map((b) => String(b.template_card.task_id));
    expect(new Set(taskIds).size).toBe(2);
    for (const id of taskIds) expect(id).toMatch(/^notice-1-1-3-none@[0-9A-Za-z_-]{22}$/);
    expect(fake.delivered()).toEqual(new Map([['zhangsan', 2], ['lisi', 1]]));
  });
});

describe('fault table: a text to one person is delivered exactly once', () => {
  const cases: [string, Fault[], { tries: number; droppedAsRepeat: number }][] = [
    ['42001 token expired', [{ kind: 'errcode', errcode: 42001 }], { tries: 1, droppedAsRepeat: 0 }],
    ['45009 storm (five in a row)', Array(5).fill({ kind: 'errcode', errcode: 45009 }), { tries: 6, droppedAsRepeat: 0 }],
    ['HTTP 502 before WeCom processed it', [{ kind: 'status', status: 502, when: 'before' }], { tries: 2, droppedAsRepeat: 0 }],
    ['HTTP 504 after WeCom processed it', [{ kind: 'status', status: 504, when: 'after' }], { tries: 2, droppedAsRepeat: 1 }],
    ['connection reset before processing', [{ kind: 'reset', when: 'before' }], { tries: 2, droppedAsRepeat: 0 }],
    ['connection reset after processing', [{ kind: 'reset', when: 'after' }], { tries: 2, droppedAsRepeat: 1 }],
    ['a 3 s answer (under the 10 s timeout)', [{ kind: 'delay', ms: 3_000, when: 'after' }], { tries: 1, droppedAsRepeat: 0 }],
  ];
  for (const [name, faults, expected] of cases) {
    it(name, async () => {
      fake.faults.script(SEND, faults);
      await enqueue('k', text('zhangsan', '请于周五前回复'));
      await drain();
      expect(fake.textsTo('zhangsan')).toEqual(['请于周五前回复']);
      expect(await row('k')).toMatchObject({ status: 'sent', attempts: expected.tries });
      expect(fake.store.sendRules!.suppressed.get('zhangsan') ?? 0).toBe(expected.droppedAsRepeat);
    });
  }

  it('an 11 s answer (past the 10 s timeout, processed by WeCom): the repeat is dropped by WeCom', async () => {
    fake.faults.script(SEND, [{ kind: 'delay', ms: 11_000, when: 'after' }]);
    await enqueue('slow', text('zhangsan', '请于周五前回复'));
    await drain();
    expect(fake.textsTo('zhangsan')).toEqual(['请于周五前回复']);
    expect(await row('slow')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fake.store.sendRules!.suppressed.get('zhangsan')).toBe(1);
  }, 30_000);

  it('connection refused is "certainly not delivered": retried later without any repeat risk', async () => {
    await fake.stop();
    await enqueue('refused', text('zhangsan', '您好'));
    await t.bot.workers!.outbox.runOnce();
    expect(await row('refused')).toMatchObject({ status: 'pending', maybeDelivered: false, attempts: 1 });
  });
});

describe('cards: the task_id makes a repeat harmless at any time', () => {
  it('a card whose answer was lost is retried after the duplicate-check window: WeCom refuses the used task_id (42014), counted as delivered', async () => {
    fake.faults.script(SEND, [{ kind: 'reset', when: 'after' }]);
    await enqueue('notice|2|a', card(['zhangsan', 'lisi'], 'notice-2-1-3-none'));
    await t.bot.workers!.outbox.runOnce();
    expect(await row('notice|2|a')).toMatchObject({ status: 'pending', maybeDelivered: true });
    clock.advance(5 * 3600_000); // past WeCom's 4-hour duplicate check
    await drain();
    expect(fake.delivered()).toEqual(new Map([['zhangsan', 1], ['lisi', 1]]));
    const sent = await row('notice|2|a');
    expect(sent.status).toBe('sent');
    expect(JSON.parse(sent.response!)).toEqual({ alreadyDelivered: true });
    expect(fake.faults.calls.filter((c) => c.path === SEND)).toHaveLength(2);
    expect(t.bot.metrics.read('bot_outbox_sends_total', { channel: 'wecom', result: 'already_delivered' })).toBe(1);
  });

  it('a card whose first try certainly failed is not taken for delivered when it is sent again', async () => {
    fake.faults.script(SEND, [{ kind: 'errcode', errcode: -1 }]);
    await enqueue('notice|3|a', card(['zhangsan'], 'notice-3-1-3-none'));
    await drain();
    expect(fake.delivered()).toEqual(new Map([['zhangsan', 1]]));
    expect(JSON.parse((await row('notice|3|a')).response!)).not.toHaveProperty('alreadyDelivered');
  });
});

describe('past the window a text is uncertain, never re-sent blindly', () => {
  it('a text whose answer was lost is not repeated after 4 hours: uncertain, in /metrics, delivered once', async () => {
    fake.faults.script(SEND, [{ kind: 'reset', when: 'after' }]);
    await enqueue('late', text('zhangsan', '请于周五前回复'));
    await t.bot.workers!.outbox.runOnce();
    clock.advance(4 * 3600_000); // the process was down until after the window
    await drain();
    expect(await row('late')).toMatchObject({ status: 'uncertain', attempts: 2 });
    expect(fake.textsTo('zhangsan')).toEqual(['请于周五前回复']);
    expect(fake.faults.calls.filter((c) => c.path === SEND)).toHaveLength(1);
    const metrics = await (await fetch(`${t.bot.url}/metrics`)).text();
    expect(metrics).toContain('bot_outbox_rows{status="uncertain"} 1');
    expect(metrics).toMatch(/bot_outbox_sends_total\{channel="wecom",result="uncertain"\} 1/);
  });

  it('a group chat text has no duplicate check: after a lost answer it is uncertain at once', async () => {
    await new Outbound(t.bot.db, clock).send(t.bot.orgId, 'wecom', [
      { key: 'chat-create', message: { kind: 'chat_create', chatId: 'unit1', name: '第一代表小组', owner: 'zhangsan', members: ['zhangsan', 'lisi'] } },
    ]);
    await drain();
    fake.faults.script('/cgi-bin/appchat/send', [{ kind: 'reset', when: 'after' }]);
    await enqueue('chat-line', { kind: 'chat_text', chatId: 'unit1', text: '周五学习代表法' });
    await drain();
    expect(await row('chat-line')).toMatchObject({ status: 'uncertain', attempts: 1 });
    expect(fake.store.inConversation('chat:unit1').map((m) => m.text)).toEqual(['周五学习代表法']);
  });
});

describe('twins: the same text to the same person on purpose still arrives', () => {
  it('帮助 typed twice gets the help text twice, while a lost-answer repeat of the first is dropped by WeCom', async () => {
    const { addPerson } = await import('../helpers/seed.ts');
    await addPerson(t.bot.db, t.bot.orgId, { name: '张三', mobile: '13800000001', wecom: 'zhangsan', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
    const isHelpText = (body: Record<string, any>) => body.msgtype === 'text' && String(body.text?.content).includes('我是人大代表履职助手');
    // The first answer reaches WeCom but the connection drops before its answer: tried again.
    fake.faults.script(SEND, [{ kind: 'reset', when: 'after' }], ({ body }) => isHelpText(body));
    for (const _ of [1, 2]) {
      expect((await t.sender.sendText('zhangsan', '帮助')).status).toBe(200);
      await t.bot.workers!.inbound.runOnce();
      await drain();
      clock.advance(60_000);
    }
    const helpTexts = fake.textsTo('zhangsan').filter((x) => x.includes('我是人大代表履职助手'));
    expect(helpTexts).toHaveLength(2);
    const tries = fake.faults.calls.filter((c) => c.path === SEND && isHelpText(c.body)).map((c) => c.body.enable_duplicate_check);
    // First answer, its repeat (dropped by WeCom: the same row), then the second answer: a twin,
    // sent without the duplicate check so WeCom does not take it for a repeat of the first.
    expect(tries).toEqual([1, 1, 0]);
    expect(fake.store.sendRules!.suppressed.get('zhangsan')).toBe(1);
    const rows = await t.bot.db.outbox.findMany({ where: { kind: 'text', recipient: 'zhangsan' }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.status, r.unguarded])).toEqual([['sent', false], ['sent', true]]);
  });

  it('a twin whose own answer is lost cannot be repeated safely: uncertain, delivered once', async () => {
    await enqueue('ask-1', text('zhangsan', '请回复“是”或“否”。'));
    await drain();
    fake.faults.script(SEND, [{ kind: 'reset', when: 'after' }]);
    await enqueue('ask-2', text('zhangsan', '请回复“是”或“否”。'));
    await drain();
    expect(fake.textsTo('zhangsan')).toEqual(['请回复“是”或“否”。', '请回复“是”或“否”。']);
    expect(await row('ask-2')).toMatchObject({ status: 'uncertain', unguarded: true, attempts: 1 });
  });
});

describe('one slow call holds back nobody', () => {
  it('while one member\'s answer is held back, sixty other members\' messages all go out', async () => {
    let release!: () => void;
    fake.faults.script(SEND, [{ kind: 'hold', until: new Promise<void>((r) => (release = r)) }], ({ body }) => body.touser === 'slow');
    await enqueue('m-slow', text('slow', '第0条'));
    for (let i = 1; i <= 60; i++) await enqueue(`m-${i}`, text(`user${i}`, `第${i}条`));
    const run = t.bot.workers!.outbox.runOnce();
    // The slow call is held for as long as the others take (under the client's 10 s timeout).
    const sentWhileSlow = await eventually(async () => {
      const sent = await t.bot.db.outbox.count({ where: { status: 'sent' } });
      return sent >= 60 && sent;
    }, 9_000).catch(() => t.bot.db.outbox.count({ where: { status: 'sent' } }));
    expect((await row('m-slow')).status).toBe('sending');
    expect(sentWhileSlow).toBe(60);
    release();
    await run;
    expect((await row('m-slow')).status).toBe('sent');
  });

  it('one member\'s messages still go out in order, one at a time', async () => {
    fake.faults.script(SEND, [{ kind: 'delay', ms: 300, when: 'before' }]);
    for (let i = 1; i <= 5; i++) await enqueue(`o-${i}`, text('zhangsan', `第${i}步`));
    await drain();
    expect(fake.textsTo('zhangsan')).toEqual(['第1步', '第2步', '第3步', '第4步', '第5步']);
  });
});
