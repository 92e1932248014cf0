// DingTalk end to end (issue 15 §3): the real DingtalkClient and the vendor's DWClient against
// the fake DingTalk on loopback (src/simulator/fake-dingtalk.ts), through a real WebSocket:
// ping and disconnect frames, duplicate frames, card clicks, a delivery failure hidden in an
// HTTP 200, token expiry; the conversations and the leave approval card on DingTalk, and
// approvers split across WeCom and DingTalk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOPIC_CARD, TOPIC_ROBOT } from 'dingtalk-stream';
import { StreamClient } from '../../../src/platforms/dingtalk/stream-client.ts';
import { createActivity } from '../../../src/services/activity-service.ts';
import type { FakeDingtalk } from '../../../src/simulator/fake-dingtalk.ts';
import { startDingtalkFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
let dt: FakeDingtalk;
let stop: () => Promise<void>;

beforeEach(async () => {
  ({ fb, dt, stop } = await startDingtalkFlowBot());
});
afterEach(() => stop());

/** Moves demo people from WeCom to DingTalk (their DingTalk userid: dt-<wecom id>). */
async function toDingtalk(...wecomIds: string[]): Promise<void> {
  for (const w of wecomIds) {
    await fb.t.bot.db.platformAccount.updateMany({ where: { channel: 'wecom', platformUserId: w }, data: { channel: 'dingtalk', platformUserId: `dt-${w}` } });
  }
}

let seen = new Map<string, number>();
/** Says `text` as a DingTalk user through the Stream; returns the texts the bot sent them since. */
async function say(user: string, text: string, opts: { chatId?: string } = {}): Promise<string> {
  const id = dt.pushText(user, text, opts);
  await dt.ackOf(id);
  await fb.chat.settle();
  const all = dt.textsTo(user);
  const from = seen.get(user) ?? 0;
  seen.set(user, all.length);
  return all.slice(from).join('\n\n');
}

async function click(user: string, outTrackId: string, key: string, time: number): Promise<void> {
  await dt.ackOf(dt.pushClick(user, outTrackId, key, time));
  await fb.chat.settle();
}

beforeEach(() => {
  seen = new Map();
});

describe('DingTalk Stream', () => {
  it('opens with its own CALLBACK subscriptions, answers ping, and reconnects with a fresh ticket after disconnect', async () => {
    expect(dt.opens[0]).toMatchObject({ clientId: 'dingfakeclient', clientSecret: 'fake-secret' });
    expect(dt.opens[0]!.subscriptions).toEqual(expect.arrayContaining([{ type: 'CALLBACK', topic: TOPIC_ROBOT }, { type: 'CALLBACK', topic: TOPIC_CARD }]));
    const ping = dt.push('SYSTEM', 'ping', { opaque: 'abc' });
    expect(await dt.ackOf(ping)).toMatchObject({ code: 200, data: JSON.stringify({ opaque: 'abc' }) });
    dt.disconnect();
    const until = Date.now() + 8_000;
    while (dt.opens.length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(dt.opens).toHaveLength(2);
    await dt.waitConnected();
    // The new connection carries messages again.
    await toDingtalk('lichunmei');
    expect(await say('dt-lichunmei', '帮助')).not.toBe('');
  }, 15_000);

  it('gives each client its own subscriptions (the package default array is shared)', () => {
    const a = new StreamClient({ clientId: 'a', clientSecret: 's', apiBase: 'http://127.0.0.1:9' });
    const b = new StreamClient({ clientId: 'b', clientSecret: 's', apiBase: 'http://127.0.0.1:9' });
    a.registerCallbackListener(TOPIC_CARD, () => {});
    expect(b.config.subscriptions).toEqual([{ type: 'EVENT', topic: '*' }]);
  });

  it('a duplicate frame (same msgId) is acknowledged and handled once', async () => {
    await toDingtalk('lichunmei');
    const first = dt.pushText('dt-lichunmei', '帮助', { msgId: 'same-1' });
    const second = dt.pushText('dt-lichunmei', '帮助', { msgId: 'same-1' });
    expect((await dt.ackOf(first)).code).toBe(200);
    expect((await dt.ackOf(second)).code).toBe(200);
    await fb.chat.settle();
    expect(await fb.t.bot.db.inboundEvent.count({ where: { channel: 'dingtalk' } })).toBe(1);
    expect(dt.textsTo('dt-lichunmei')).toHaveLength(1);
  });

  it('a refused token (401) is fetched again once and the send goes through', async () => {
    await toDingtalk('lichunmei');
    await say('dt-lichunmei', '帮助');
    const tokensBefore = new Set(dt.calls.map((c) => c.token)).size;
    dt.expireTokens();
    expect(await say('dt-lichunmei', '帮助')).not.toBe('');
    expect(new Set(dt.calls.map((c) => c.token)).size).toBe(tokensBefore + 1);
    expect(await fb.t.bot.db.outbox.count({ where: { channel: 'dingtalk', status: { not: 'sent' } } })).toBe(0);
  });
});

describe('DingTalk conversations (rules L1, A6, S1)', () => {
  it('rule L1: leave on DingTalk; approvers split across both platforms; the first decision wins, from a DingTalk card', async () => {
    await toDingtalk('lichunmei', 'zhaowenhua', 'qianxiuying'); // sunjianguo stays on WeCom
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    expect(await say('dt-lichunmei', '我要请假')).toMatch(/为“学习代表法”请假/);
    await say('dt-lichunmei', '到市里参加培训，无法参加');
    expect(await say('dt-lichunmei', '确认')).toMatch(/请假申请已提交/);
    const leave = await fb.t.bot.db.leaveRequest.findFirstOrThrow();
    const [zhaoCard] = dt.cardsTo('dt-zhaowenhua');
    const [qianCard] = dt.cardsTo('dt-qianxiuying');
    expect(zhaoCard).toMatchObject({ templateId: 'approval-tpl.schema', params: { btn1Key: `leave.approve:${leave.id}`, btn2Key: `leave.reject:${leave.id}`, settled: '' } });
    expect(qianCard!.outTrackId).not.toBe(zhaoCard!.outTrackId);
    expect(fb.chat.cardsTo('sunjianguo').map((c) => c.to)).toEqual([['sunjianguo']]);
    await click('dt-zhaowenhua', zhaoCard!.outTrackId, `leave.approve:${leave.id}`, 1_000);
    await click('dt-qianxiuying', qianCard!.outTrackId, `leave.reject:${leave.id}`, 2_000);
    expect((await fb.t.bot.db.leaveRequest.findFirstOrThrow()).status).toBe('approved');
    // Every copy shows the outcome: both DingTalk cards by PUT, the WeCom one by its response_code.
    expect(dt.cards.get(zhaoCard!.outTrackId)!.params).toMatchObject({ settled: '已批准（赵文华）', btnCount: '0' });
    expect(dt.cards.get(qianCard!.outTrackId)!.params).toMatchObject({ settled: '已批准（赵文华）' });
    expect(fb.chat.cardUpdates()).toEqual([expect.objectContaining({ userids: ['sunjianguo'], button: { replace_name: '已批准（赵文华）' } })]);
    expect(dt.textsTo('dt-qianxiuying').join('\n')).toMatch(/已由赵文华.*批准，无需再处理/);
    expect(dt.textsTo('dt-lichunmei').at(-1)).toMatch(/已被赵文华批准/);
  });

  it('a card delivery that failed inside an HTTP 200 is not a success: the row is final, not sent', async () => {
    await toDingtalk('lichunmei', 'zhaowenhua');
    dt.failDeliveryTo.add('dt-zhaowenhua');
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    await say('dt-lichunmei', '请假');
    await say('dt-lichunmei', '到市里参加培训，无法参加');
    await say('dt-lichunmei', '确认');
    const row = await fb.t.bot.db.outbox.findFirstOrThrow({ where: { channel: 'dingtalk', kind: 'card' } });
    expect(row.status).toBe('dead');
    expect(row.lastError).toMatch(/not delivered: user not in the robot's visible range/);
  });

  it('rule A6: 签到 with the venue code on DingTalk', async () => {
    await toDingtalk('lichunmei');
    await fb.addActivity('第一代表小组', { title: '视察', start: '2026-11-23T02:00:00Z', code: '8341' });
    expect(await say('dt-lichunmei', '签到')).toBe('请输入“视察”现场公布的签到码。');
    expect(await say('dt-lichunmei', '8341')).toContain('签到成功');
    expect(await fb.t.bot.db.attendance.findFirst({ where: { personId: await personOf('dt-lichunmei') } })).toMatchObject({ status: 'present' });
  });

  it('rule S1: 提建议 on DingTalk ends numbered', async () => {
    await toDingtalk('lichunmei');
    await say('dt-lichunmei', '提建议');
    await say('dt-lichunmei', '建议');
    await say('dt-lichunmei', '关于改善城关镇中学周边交通的建议');
    await say('dt-lichunmei', '城关镇中学门口上下学时段车辆拥堵，存在安全隐患。');
    await say('dt-lichunmei', '完成');
    await say('dt-lichunmei', '否');
    const done = await say('dt-lichunmei', '是');
    expect(await fb.t.bot.db.suggestion.count()).toBe(1);
    expect(done).toMatch(/编号/);
  });

  it('rule A4: a notice card on DingTalk with RSVP: 参加 updates the card through its outTrackId', async () => {
    await toDingtalk('lichunmei');
    const startAt = new Date('2026-11-25T06:00:00Z');
    const r = await createActivity(fb.t.bot.db, {
      orgId: fb.t.bot.orgId, unit: { name: '第一代表小组' }, kind: '学习', title: '学习代表法', startAt,
      endAt: new Date(startAt.getTime() + 7_200_000), place: '县人大会议室', content: '学习代表法第四章', now: fb.clock.now(),
    });
    if (!r.ok) throw new Error('not published');
    await fb.t.bot.workers!.scheduler.runOnce();
    await fb.chat.settle();
    const [card] = dt.cardsTo('dt-lichunmei').filter((c) => c.params.title === '学习代表法');
    expect(card).toMatchObject({ templateId: 'notice-tpl.schema', params: { btn1Text: '参加', btn1Key: `activity.attend:${r.activity.id}` } });
    // WeCom members of the unit got theirs on WeCom, in one call.
    expect(fb.chat.all().filter((m) => m.card?.main_title?.title === '学习代表法').flatMap((m) => m.to)).not.toContain('lichunmei');
    await click('dt-lichunmei', card!.outTrackId, `activity.attend:${r.activity.id}`, 3_000);
    expect(await fb.t.bot.db.attendance.findFirst({ where: { personId: await personOf('dt-lichunmei') } })).toMatchObject({ status: 'attending' });
    const put = dt.calls.filter((c) => c.method === 'PUT' && c.body.outTrackId === card!.outTrackId);
    expect(put).toHaveLength(1);
    expect(dt.cards.get(card!.outTrackId)!.params.body).toContain('您的回复：参加');
  });
});

async function personOf(dtUser: string): Promise<number> {
  return (await fb.t.bot.db.platformAccount.findFirstOrThrow({ where: { channel: 'dingtalk', platformUserId: dtUser } })).personId;
}
