// One attendance state per person and activity (rules A6, L5), through encrypted callbacks and
// the (nock) WeCom API: every conflicting action — 参加 after an approved leave, 请假 after a
// sign-in, 签到 and 代签 while on leave — gets one sentence saying what is recorded and what to
// do; 撤回请假 (command or card button) withdraws a leave, gives it back (L2) and tells the
// approvers. Monday 2026-11-23 10:00 Shanghai, fixed clock, workers driven by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot();
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const state = async (user: string, activityId: number) =>
  (await fb.t.bot.db.attendance.findUnique({ where: { activityId_personId: { activityId, personId: await fb.personId(user) } } }))?.status;
const leave = async () => fb.t.bot.db.leaveRequest.findFirstOrThrow();
const textsTo = (user: string) => fb.chat.all().filter((m) => m.to.includes(user) && m.text).map((m) => m.text!);
const buttonsOf = (card: Record<string, any>) => (card.button_list as { text: string; key: string }[]).map((b) => `${b.text}=${b.key}`);
const answerOf = (card: Record<string, any>) =>
  (card.horizontal_content_list as { keyname: string; value: string }[]).find((f) => f.keyname === '您的回复')?.value;

/** 李春梅 asks for leave from the only activity she can; 赵文华 approves it when `approve`. */
async function askLeave(approve: boolean): Promise<number> {
  await say('lichunmei', '请假');
  await say('lichunmei', '到市里参加培训，无法参加');
  await say('lichunmei', '是');
  const { id } = await leave();
  if (approve) expect(await fb.chat.click('zhaowenhua', `leave.approve:${id}`, `leave-${id}`)).toBe('已批准李春梅的请假申请，已通知本人。');
  return id;
}

describe('rules A6, L5: conflicting actions are answered, not recorded', () => {
  it('rule L5: 参加 after an approved leave says so and shows 撤回请假 on her card; withdrawing gives the leave back (L2)', async () => {
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    await askLeave(true);
    const answer = await fb.chat.click('lichunmei', `activity.attend:${id}`, 'notice-1-1-3-invited-9', 'rc-attend');
    expect(answer).toBe('您已为“学习代表法”请假并获批准；如要参加，请先撤回请假（发送“撤回请假”或点卡片上的“撤回请假”）。');
    expect(await state('lichunmei', id)).toBe('leave');
    const update = fb.chat.cardUpdates().at(-1)!;
    expect(update).toMatchObject({ response_code: 'rc-attend', userids: ['lichunmei'] });
    expect(buttonsOf(update.template_card)).toEqual([`撤回请假=leave.withdraw:${id}`]);
    expect(answerOf(update.template_card)).toBe('请假（已批准）');

    expect(await fb.chat.click('lichunmei', `leave.withdraw:${id}`, 'notice-1-1-3-invited-9')).toBe(
      '撤回“学习代表法”（11月27日（周五）14:00）的请假（已批准）？撤回后记为参加。确认请回复“是”，不撤回请回复“否”。',
    );
    expect(await say('lichunmei', '是')).toBe('已撤回“学习代表法”的请假，已记为参加。本年度还可请假 2 次。');
    expect(await leave()).toMatchObject({ status: 'withdrawn', withdrawnAt: fb.clock.now() });
    expect(await state('lichunmei', id)).toBe('attending');
    expect(textsTo('zhaowenhua')).toContain('李春梅已撤回“学习代表法”的请假（原已批准），将参加活动。');
    expect(await say('lichunmei', '我的请假')).toBe('您 2026 年的请假记录（已用 0 次，每年最多 2 次）：\n1. 11月27日（周五） 学习代表法：已撤回');
    // From the change card (another task id: the same click within a second is a redelivery).
    expect(await fb.chat.click('lichunmei', `activity.attend:${id}`, 'update-1-2-on_leave-0', 'rc-again')).toBe('');
    expect(answerOf(fb.chat.cardUpdates().at(-1)!.template_card)).toBe('参加');
    // One written request per activity (L1): a second one after withdrawing is not taken.
    expect(await say('lichunmei', '请假')).toBe('您撤回过这次活动的请假，每次活动只能书面请假一次；确有困难请直接联系本组组长。');
  });

  it('rule A6: leave is not offered for an activity already signed in to', async () => {
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:20:00Z' }); // 10:20, window open
    expect(await say('lichunmei', '签到')).toBe('签到成功：“学习代表法”，签到时间 10:00。');
    expect(await say('lichunmei', '请假')).toBe('您已于 10:00 签到“学习代表法”，不能再请假。');
    expect(await fb.chat.click('lichunmei', `leave.start:${id}`, 'notice-x')).toBe('您已于 10:00 签到“学习代表法”，不能再请假。');
    expect(await fb.t.bot.db.leaveRequest.count()).toBe(0);
    expect(await state('lichunmei', id)).toBe('present');
  });

  it('rule L5: 签到 and 代签 while on approved leave are refused with what to do; after 撤回请假 she signs in and is present, not on leave', async () => {
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:20:00Z' });
    await askLeave(true);
    expect(await say('lichunmei', '签到')).toBe('您已为“学习代表法”请假并获批准；如已到场参加，请先发送“撤回请假”，再签到。');
    expect(await say('sunjianguo', '代签 李春梅')).toBe('李春梅已为“学习代表法”请假并获批准，不能代签；如本人已到场，请本人先发送“撤回请假”再签到。');
    expect(await state('lichunmei', id)).toBe('leave');
    expect(await say('lichunmei', '撤回请假')).toContain('撤回“学习代表法”（11月23日（周一）10:20）的请假（已批准）？');
    expect(await say('lichunmei', '是')).toBe('已撤回“学习代表法”的请假，已记为参加。本年度还可请假 2 次。');
    expect(await say('lichunmei', '签到')).toBe('签到成功：“学习代表法”，签到时间 10:00。');
    expect(await state('lichunmei', id)).toBe('present');
    expect((await leave()).status).toBe('withdrawn');
    const sheet = await say('zhaowenhua', '签到情况');
    expect(sheet).toContain('已签到（1）：李春梅');
    expect(sheet).toContain('请假（0）：无');
  });

  it('rule L5: 代签 of a deputy whose leave is pending is refused; a sign-in never sits beside a leave', async () => {
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:20:00Z' });
    await askLeave(false);
    expect(await say('sunjianguo', '代签 李春梅')).toBe('李春梅已为“学习代表法”申请请假（待审批），不能代签；如本人已到场，请本人先发送“撤回请假”再签到。');
    expect(await state('lichunmei', id)).toBe('leave_pending');
    expect(await fb.t.bot.db.attendance.count({ where: { status: 'present' } })).toBe(0);
  });

  it('rule L1: withdrawing a pending leave settles the approvers\' card; a later 批准 is told it was withdrawn', async () => {
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    const leaveId = await askLeave(false);
    await say('lichunmei', '撤回请假');
    expect(await say('lichunmei', '是')).toBe('已撤回“学习代表法”的请假，已记为参加。本年度还可请假 2 次。');
    const sent = fb.chat.cardsTo('zhaowenhua')[0]!;
    expect(fb.chat.cardUpdates().at(-1)).toMatchObject({ response_code: sent.responseCode, button: { replace_name: '申请人已撤回' } });
    expect(await fb.chat.click('qianxiuying', `leave.approve:${leaveId}`, `leave-${leaveId}`)).toBe('李春梅已于11月23日（周一）10:00撤回这条请假申请，无需再处理。');
    expect((await leave()).status).toBe('withdrawn');
    expect(await state('lichunmei', id)).toBe('attending');
    // The reminders to the approvers (24 h later, the day before) do not go for a withdrawn leave.
    fb.clock.set('2026-11-26T01:00:00Z');
    await fb.t.bot.workers!.scheduler.runOnce();
    await fb.chat.settle();
    expect(textsTo('zhaowenhua').filter((t) => t.includes('等待审批') || t.includes('还没有审批'))).toEqual([]);
  });

  it('rule L5: nothing to withdraw, or a rejected leave, is said in one sentence', async () => {
    expect(await say('lichunmei', '撤回请假')).toBe('您现在没有可以撤回的请假（待审批或已批准、活动还没结束的请假才能撤回）。');
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    expect(await fb.chat.click('lichunmei', `leave.withdraw:${id}`, 'notice-y')).toBe('您没有为“学习代表法”请假，不需要撤回。');
    const leaveId = await askLeave(false);
    await fb.chat.click('zhaowenhua', `leave.reject:${leaveId}`, `leave-${leaveId}`);
    await say('zhaowenhua', '无');
    expect(await state('lichunmei', id)).toBe('leave_rejected');
    // Another card (task id): the same click within a second would be WeCom's redelivery.
    expect(await fb.chat.click('lichunmei', `leave.withdraw:${id}`, 'update-z')).toBe('您为“学习代表法”的请假已被驳回，没有可以撤回的请假，请按时参加。');
    expect(await fb.chat.click('lichunmei', `leave.start:${id}`, 'update-z')).toBe('您为“学习代表法”的请假已被驳回，请按时参加；确有困难请直接联系审批人。');
  });
});
