// Approving leave from the card (rules L1, L5): every approver's card shows the outcome, races
// between approvers, the spent-code fallback, 驳回 with a reason, and reminders to approvers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const APPROVERS = ['qianxiuying', 'sunjianguo', 'zhaowenhua'];
const say = (user: string, text: string) => fb.chat.say(user, text);
const leave = async () => (await fb.t.bot.db.leaveRequest.findMany())[0]!;
const textsTo = (user: string) => fb.chat.all().filter((m) => m.to.includes(user) && m.text).map((m) => m.text!);
const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};

async function requestLeave(): Promise<number> {
  await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' }); // Fri 14:00
  await say('lichunmei', '请假');
  await say('lichunmei', '外出学习，无法参加');
  await say('lichunmei', '是');
  return (await leave()).id;
}

describe('rule L1: the decision reaches every approver', () => {
  it('rule L1/L5: after a decision all approvers\' cards are updated once with the code of the send', async () => {
    const id = await requestLeave();
    const sent = fb.chat.cardsTo('zhaowenhua')[0]!;
    expect(sent.to.sort()).toEqual(APPROVERS);
    await fb.chat.click('qianxiuying', `leave.approve:${id}`, `leave-${id}`, 'rc-click');
    const updates = fb.chat.cardUpdates();
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ response_code: sent.responseCode, button: { replace_name: '已批准（钱秀英）' } });
    expect([...updates[0]!.userids].sort()).toEqual(APPROVERS);
    expect(await fb.t.bot.db.attendance.findFirst({ where: { personId: await fb.personId('lichunmei') } })).toMatchObject({ status: 'leave' });
  });

  it('rule L1: two approvers clicking at once — one decision, the other told who decided', async () => {
    const id = await requestLeave();
    await fb.t.sender.clickCard('zhaowenhua', { eventKey: `leave.approve:${id}`, taskId: `leave-${id}`, responseCode: 'rc-a' });
    await fb.t.sender.clickCard('qianxiuying', { eventKey: `leave.approve:${id}`, taskId: `leave-${id}`, responseCode: 'rc-b' });
    await fb.chat.settle();
    const decided = await leave();
    expect(decided.status).toBe('approved');
    const [winner, loser] = decided.decidedById === (await fb.personId('zhaowenhua')) ? ['zhaowenhua', 'qianxiuying'] : ['qianxiuying', 'zhaowenhua'];
    const winnerName = winner === 'zhaowenhua' ? '赵文华' : '钱秀英';
    expect(textsTo(winner!)).toContain('已批准李春梅的请假申请，已通知本人。');
    expect(textsTo(loser!)).toContain(`这条请假已由${winnerName}于11月23日（周一）10:00批准，无需再处理。`);
    expect(fb.chat.cardUpdates()).toHaveLength(1);
    expect(textsTo('lichunmei').filter((t) => t.includes('请假申请已被'))).toHaveLength(1);
    expect(await fb.t.bot.db.auditLog.count({ where: { action: 'leave.approved' } })).toBe(1);
  });

  it('rule L1: when the card update fails with 42022 (code spent) the approvers get a fresh text', async () => {
    const id = await requestLeave();
    fb.chat.api.failNext('/cgi-bin/message/update_template_card', 42022);
    await fb.chat.click('zhaowenhua', `leave.approve:${id}`, `leave-${id}`);
    expect(fb.chat.cardUpdates()).toHaveLength(0);
    const fallback = fb.chat.all().find((m) => m.text === '李春梅的请假申请已由赵文华批准。');
    expect(fallback?.to.sort()).toEqual(APPROVERS);
    expect(await fb.t.bot.db.outbox.findUnique({ where: { idempotencyKey: `leave-card:${id}` } })).toMatchObject({ status: 'dead', lastErrcode: 42022 });
  });
});

describe('rule L1: 驳回 asks for a short reason in private chat', () => {
  it('records the rejection with the reason and tells the requester why', async () => {
    const id = await requestLeave();
    const asked = await fb.chat.click('zhaowenhua', `leave.reject:${id}`, `leave-${id}`);
    expect(asked).toBe('驳回李春梅为“学习代表法”提交的请假申请。请简要说明驳回理由（2–100 字），或回复“无”。');
    expect((await leave()).status).toBe('pending');
    expect(await say('zhaowenhua', '好')).toBe('理由至少 2 个字；不说明理由请回复“无”。');
    expect(await say('zhaowenhua', '本次为专题学习，请尽量参加')).toBe('已驳回李春梅的请假申请，已通知本人。');
    expect(await leave()).toMatchObject({ status: 'rejected', decisionNote: '本次为专题学习，请尽量参加', decidedById: await fb.personId('zhaowenhua') });
    expect(textsTo('lichunmei')).toContain('您为“学习代表法”提交的请假申请已被赵文华驳回。\n理由：本次为专题学习，请尽量参加');
    expect(fb.chat.cardUpdates()).toEqual([expect.objectContaining({ response_code: fb.chat.cardsTo('zhaowenhua')[0]!.responseCode, button: { replace_name: '已驳回（赵文华）' } })]);
  });

  it('“无” rejects without a reason; an approval meanwhile wins and the rejecter is told who', async () => {
    const id = await requestLeave();
    await fb.chat.click('zhaowenhua', `leave.reject:${id}`, `leave-${id}`);
    await fb.chat.click('qianxiuying', `leave.approve:${id}`, `leave-${id}`);
    expect(await say('zhaowenhua', '无')).toBe('这条请假已由钱秀英于11月23日（周一）10:00批准，无需再处理。');
    expect(await leave()).toMatchObject({ status: 'approved', decisionNote: null });
  });
});

describe('rule L1: reminders to approvers while a leave waits', () => {
  const reminders = () => fb.chat.all().filter((m) => m.text?.includes('请假申请') && m.text.includes('审批卡片'));

  it('24 hours after submission the approvers are reminded, and again the day before at 09:00', async () => {
    await requestLeave();
    fb.clock.set('2026-11-24T01:59:00Z');
    await tick();
    expect(reminders()).toHaveLength(0);
    fb.clock.set('2026-11-24T02:00:00Z'); // Tue 10:00, 24 h later
    await tick();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.to.sort()).toEqual(APPROVERS);
    expect(reminders()[0]!.text).toBe('提醒：李春梅为“学习代表法”（11月27日（周五）14:00）提交的请假申请还在等待审批，请在审批卡片上批准或驳回。');
    await tick();
    fb.clock.set('2026-11-26T01:00:00Z'); // Thu 09:00, the day before
    await tick();
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain('“学习代表法”将于11月27日（周五）14:00开始，李春梅的请假申请还没有审批');
  });

  it('no reminder once the leave is decided', async () => {
    const id = await requestLeave();
    await fb.chat.click('zhaowenhua', `leave.approve:${id}`, `leave-${id}`);
    fb.clock.set('2026-11-24T02:00:00Z');
    await tick();
    fb.clock.set('2026-11-26T01:00:00Z');
    await tick();
    expect(reminders()).toHaveLength(0);
    const rows = await fb.t.bot.db.notice.findMany({ where: { kind: { startsWith: `approval:${id}:` } } });
    expect(rows.map((r) => [r.kind, r.status]).sort()).toEqual([[`approval:${id}:24h`, 'skipped'], [`approval:${id}:before`, 'skipped']]);
  });
});

describe('rule L1: approval reminders across restarts and moved activities', () => {
  const reminders = () => fb.chat.all().filter((m) => m.text?.includes('请假申请') && m.text.includes('审批卡片'));

  it('rule L1: a moved activity moves its reminders: the old day-before time does not fire, the new one does', async () => {
    await requestLeave(); // Mon 11-23 10:00, for Fri 11-27 14:00
    expect(await say('zhaowenhua', '修改活动')).toContain('修改“学习代表法”的哪一项');
    await say('zhaowenhua', '时间');
    await say('zhaowenhua', '12月4日下午2点');
    await say('zhaowenhua', '16:00');
    expect(await say('zhaowenhua', '确认')).toContain('已修改“学习代表法”的时间');
    fb.clock.set('2026-11-24T02:00:00Z'); // Tue 10:00: 24 h after submission, whatever the move
    await tick();
    expect(reminders()).toHaveLength(1);
    fb.clock.set('2026-11-26T01:00:00Z'); // Thu 09:00: the day before the OLD date
    await tick();
    expect(reminders()).toHaveLength(1);
    fb.clock.set('2026-12-03T01:00:00Z'); // Thu 09:00: the day before the new date
    await tick();
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toBe('“学习代表法”将于12月4日（周五）14:00开始，李春梅的请假申请还没有审批，请尽快在审批卡片上批准或驳回。');
    fb.clock.set('2026-12-04T05:00:00Z');
    await tick();
    expect(reminders()).toHaveLength(2);
  });

  it('rule L1: a bot down over the day-before reminder sends it when back, as long as the activity has not started', async () => {
    await requestLeave();
    fb.clock.set('2026-11-24T02:00:00Z');
    await tick();
    fb.clock.set('2026-11-26T00:00:00Z'); // Thu 08:00, then stopped until Fri 10:00 (25 h after 09:00 Thu)
    await tick();
    expect(reminders()).toHaveLength(1);
    fb.clock.set('2026-11-27T02:00:00Z');
    await fb.restart();
    await tick();
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain('将于11月27日（周五）14:00开始');
    expect(fb.t.bot.metrics.read('bot_notices_missed_total')).toBe(0);
  });

  it('rule L1: a reminder found after the activity started is skipped, not sent', async () => {
    const id = await requestLeave();
    fb.clock.set('2026-11-27T07:00:00Z'); // Fri 15:00: started an hour ago
    await fb.restart();
    await tick();
    expect(reminders()).toHaveLength(0);
    const rows = await fb.t.bot.db.notice.findMany({ where: { kind: { startsWith: `approval:${id}:` } } });
    expect(rows.map((r) => r.status)).toEqual(['skipped', 'skipped']);
  });

  it('rule L1: both reminders found due together after a restart make one reminder, the later one', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-26T06:00:00Z' }); // Thu 14:00
    fb.clock.set('2026-11-24T00:00:00Z'); // Tue 08:00: reminders Wed 08:00 (24 h) and Wed 09:00 (day before)
    await say('lichunmei', '请假');
    await say('lichunmei', '外出学习，无法参加');
    await say('lichunmei', '是');
    await tick();
    fb.clock.set('2026-11-25T02:00:00Z'); // stopped until Wed 10:00
    await fb.restart();
    await tick();
    expect(reminders().map((r) => r.text)).toEqual(['“学习代表法”将于11月26日（周四）14:00开始，李春梅的请假申请还没有审批，请尽快在审批卡片上批准或驳回。']);
  });

  it('rule L1: a reminder planned before reminders carried the revision does not fire at a moved activity\'s old time', async () => {
    const id = await requestLeave();
    const leave = await fb.t.bot.db.leaveRequest.findUniqueOrThrow({ where: { id } });
    // As planned by the previous version: revision 0, the day before the original date.
    await fb.t.bot.db.notice.updateMany({ where: { kind: { startsWith: `approval:${id}:` } }, data: { revision: 0 } });
    await fb.t.bot.db.activity.update({ where: { id: leave.activityId }, data: { startAt: new Date('2026-12-04T06:00:00Z'), endAt: new Date('2026-12-04T08:00:00Z'), revision: 2 } });
    fb.clock.set('2026-11-26T01:00:00Z');
    await tick();
    expect(reminders().filter((r) => r.text!.includes('将于'))).toHaveLength(0);
  });
});
