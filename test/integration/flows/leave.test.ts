// The leave conversation and the approval card, end to end through encrypted callbacks
// (rules L1, L2, L5).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot();
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const leaves = () => fb.t.bot.db.leaveRequest.findMany({ orderBy: { id: 'asc' } });

describe('请假 (leave request)', () => {
  it('rule L1: one upcoming activity — reason, summary with this year\'s count, confirm; approvers get a card', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    expect(await say('lichunmei', '我要请假')).toMatch(/为“学习代表法”请假。请写明请假事由/);
    expect(await say('lichunmei', '出差')).toMatch(/事由至少要 4 个字/);
    const summary = await say('lichunmei', '到市里参加培训，无法参加');
    expect(summary).toContain('请确认请假申请');
    expect(summary).toContain('11月27日（周五）14:00');
    expect(summary).toContain('本年度已请假 0 次，提交后还可请假 1 次');
    expect(await say('lichunmei', '确认')).toMatch(/请假申请已提交，等待赵文华、钱秀英、孙建国审批/);
    const [leave] = await leaves();
    expect(leave).toMatchObject({ status: 'pending', reason: '到市里参加培训，无法参加', year: 2026 });
    const cards = fb.chat.cardsTo('zhaowenhua');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.to.sort()).toEqual(['qianxiuying', 'sunjianguo', 'zhaowenhua']);
    expect(cards[0]!.card).toMatchObject({ main_title: { title: '李春梅申请请假' } });
    // The card's id, then a hash of its outbox row: unique per send (WeCom refuses a used task_id).
    expect(cards[0]!.card!.task_id).toMatch(new RegExp(`^leave-${leave!.id}@[\\w-]{22}$`));
    expect(cards[0]!.card!.button_list.map((b: { key: string }) => b.key)).toEqual([`leave.approve:${leave!.id}`, `leave.reject:${leave!.id}`]);
  });

  it('asks which activity when there are several, and understands 第二个', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    await fb.addActivity('城关镇人大代表联络站', { title: '接待选民', start: '2026-12-01T01:00:00Z' });
    const question = await say('lichunmei', '请假');
    expect(question).toMatch(/1\. 11月27日（周五）14:00 第一代表小组·学习代表法\n2\. 12月1日（周二）09:00 城关镇人大代表联络站·接待选民/);
    expect(await say('lichunmei', '第5个')).toContain('请回复 1 到 2 之间的序号');
    expect(await say('lichunmei', '第二个')).toContain('为“接待选民”请假');
  });

  it('取消 leaves nothing behind; 返回 goes back a step; 帮助 explains the step', async () => {
    await fb.addActivity('第一代表小组', { title: 'A', start: '2026-11-27T06:00:00Z' });
    await fb.addActivity('第一代表小组', { title: 'B', start: '2026-11-28T06:00:00Z' });
    await say('lichunmei', '请假');
    expect(await say('lichunmei', '1')).toContain('为“A”请假');
    expect(await say('lichunmei', '帮助')).toContain('这一步：写一句话说明不能参加的原因');
    expect(await say('lichunmei', '返回')).toContain('请问要为哪次活动请假');
    expect(await say('lichunmei', '取消')).toBe('好的，已取消请假，没有保存任何内容。');
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
    expect(await leaves()).toHaveLength(0);
  });

  it('a dialog idle for 30 minutes ends with a message the next time the user writes', async () => {
    await fb.addActivity('第一代表小组', { title: 'A', start: '2026-11-27T06:00:00Z' });
    await say('lichunmei', '请假');
    fb.clock.advance(31 * 60_000);
    const answer = await say('lichunmei', '家里有事来不了');
    expect(answer).toContain('您上次的请假已超过时间没有回复，已自动结束');
    expect(await leaves()).toHaveLength(0);
  });

  it('three invalid answers in a row end the dialog with a hint', async () => {
    await fb.addActivity('第一代表小组', { title: 'A', start: '2026-11-27T06:00:00Z' });
    await fb.addActivity('第一代表小组', { title: 'B', start: '2026-11-28T06:00:00Z' });
    await say('lichunmei', '请假');
    await say('lichunmei', '随便');
    await say('lichunmei', '不知道');
    expect(await say('lichunmei', '啊')).toMatch(/几次都没能识别您的回答，请假已结束。回复活动前面的序号/);
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
  });

  it('rule L2: a third leave in the same year is refused and says who to contact', async () => {
    const ids = [
      await fb.addActivity('第一代表小组', { title: 'A', start: '2026-11-25T06:00:00Z' }),
      await fb.addActivity('第一代表小组', { title: 'B', start: '2026-11-26T06:00:00Z' }),
      await fb.addActivity('第一代表小组', { title: 'C', start: '2026-11-27T06:00:00Z' }),
    ];
    const personId = await fb.personId('lichunmei');
    for (const activityId of ids.slice(0, 2)) {
      await fb.t.bot.db.leaveRequest.create({ data: { orgId: fb.t.bot.orgId, activityId, personId, year: 2026, reason: '已批准的请假', status: 'approved' } });
    }
    const answer = await say('lichunmei', '请假');
    expect(answer).toBe('您本年度已请假 2 次，按规定每年最多请假 2 次，不能再通过机器人请假；确有困难请直接联系第一代表小组的赵文华。');
    expect(await leaves()).toHaveLength(2);
  });

  it('rule L1: refuses an activity that has started, a second request, and a person not invited', async () => {
    const started = await fb.addActivity('第一代表小组', { title: '已开始', start: '2026-11-23T01:00:00Z' });
    expect(await fb.chat.click('lichunmei', `leave.start:${started}`, 'notice-1')).toBe('这次活动已经开始，不能再请假了；如有特殊情况请联系本组组长。');
    const other = await fb.addActivity('第二代表小组', { title: '别组活动', start: '2026-11-27T06:00:00Z' });
    expect(await fb.chat.click('lichunmei', `leave.start:${other}`, 'notice-2')).toBe('您不在这次活动的参加人员中，不需要请假。');
    const mine = await fb.addActivity('第一代表小组', { title: '学习', start: '2026-11-27T06:00:00Z' });
    await say('lichunmei', '请假');
    await say('lichunmei', '外出开会无法参加');
    await say('lichunmei', '是');
    expect(await fb.chat.click('lichunmei', `leave.start:${mine}`, 'notice-3')).toBe('您已经为这次活动请过假（待审批），不用重复申请。发送“我的请假”可以查看。');
  });

  it('answers a person with nothing upcoming, and someone not on the roster', async () => {
    expect(await say('lichunmei', '请假')).toContain('您近期没有需要参加的活动');
    expect(await say('nobody01', '请假')).toContain('代表名册');
  });

  it('continues the dialog after a restart of the process', async () => {
    await fb.addActivity('第一代表小组', { title: '学习', start: '2026-11-27T06:00:00Z' });
    await say('lichunmei', '请假');
    await fb.restart();
    expect(await say('lichunmei', '外出学习，无法参加')).toContain('请确认请假申请');
    expect(await say('lichunmei', '好的')).toContain('请假申请已提交');
    expect(await leaves()).toHaveLength(1);
  });

  it('the same message delivered twice has one effect', async () => {
    await fb.addActivity('第一代表小组', { title: '学习', start: '2026-11-27T06:00:00Z' });
    await say('lichunmei', '请假');
    await say('lichunmei', '外出学习，无法参加');
    const confirm = fb.t.sender.seal(fb.t.sender.textXml('lichunmei', '是'));
    await fb.t.sender.post(confirm);
    await fb.t.sender.post(confirm);
    await fb.chat.settle();
    expect(await leaves()).toHaveLength(1);
    expect(fb.chat.all().filter((m) => m.text?.includes('请假申请已提交'))).toHaveLength(1);
  });

  it('typing another command mid-dialog asks whether to abandon the current one', async () => {
    await fb.addActivity('第一代表小组', { title: '学习', start: '2026-11-27T06:00:00Z' });
    await say('lichunmei', '请假');
    expect(await say('lichunmei', '提建议')).toBe('您正在请假，要放弃它、改为“提建议”吗？请回复“是”或“否”。');
    expect(await say('lichunmei', '否')).toMatch(/好的，继续请假。\n为“学习”请假/);
    await say('lichunmei', '提建议');
    expect(await say('lichunmei', '是')).toContain('您要提交的是哪一类');
  });

  it('我的请假 lists this year\'s requests and their status', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    await say('lichunmei', '请假');
    await say('lichunmei', '外出学习，无法参加');
    await say('lichunmei', '是');
    expect(await say('lichunmei', '我的请假')).toBe('您 2026 年的请假记录（已用 1 次，每年最多 2 次）：\n1. 11月27日（周五） 学习代表法：待审批');
  });
});

describe('deciding leave from the approval card', () => {
  async function requestLeave(user = 'lichunmei') {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    await say(user, '请假');
    await say(user, '外出学习，无法参加');
    await say(user, '是');
    return (await leaves())[0]!.id;
  }

  it('rule L5: the leader approves; the requester is told; attendance becomes "on leave"; every approver\'s card greys out', async () => {
    const id = await requestLeave();
    const answer = await fb.chat.click('zhaowenhua', `leave.approve:${id}`, `leave-${id}`, 'rc-click-1');
    expect(answer).toBe('已批准李春梅的请假申请，已通知本人。');
    expect((await leaves())[0]).toMatchObject({ status: 'approved', decidedById: await fb.personId('zhaowenhua') });
    expect(fb.chat.all().find((m) => m.to.includes('lichunmei') && m.text?.includes('已被赵文华批准'))).toBeTruthy();
    const attendance = await fb.t.bot.db.attendance.findFirst({ where: { personId: await fb.personId('lichunmei') } });
    expect(attendance).toMatchObject({ status: 'leave' });
    // One update with the code of the card's send covers all approvers' copies, the clicker's too.
    const sent = fb.chat.cardsTo('zhaowenhua')[0]!;
    expect(fb.chat.cardUpdates()).toEqual([expect.objectContaining({ response_code: sent.responseCode, userids: sent.to, button: { replace_name: '已批准（赵文华）' } })]);
  });

  it('the first decision wins; a later click is told who decided', async () => {
    const id = await requestLeave();
    await fb.chat.click('zhaowenhua', `leave.reject:${id}`, `leave-${id}`);
    await say('zhaowenhua', '无');
    const later = await fb.chat.click('qianxiuying', `leave.approve:${id}`, `leave-${id}`);
    expect(later).toBe('这条请假已由赵文华于11月23日（周一）10:00驳回，无需再处理。');
    expect((await leaves())[0]!.status).toBe('rejected');
  });

  it('a member who is not a lead may not decide, nor may the requester', async () => {
    const id = await requestLeave('sunjianguo');
    expect(await fb.chat.click('wuxiaodong', `leave.approve:${id}`, `leave-${id}`)).toContain('不能审批这条请假');
    expect(await fb.chat.click('sunjianguo', `leave.approve:${id}`, `leave-${id}`)).toBe('不能审批自己的请假申请，请等待组长或联络员处理。');
    expect((await leaves())[0]!.status).toBe('pending');
  });

  it('office staff may decide', async () => {
    const id = await requestLeave();
    expect(await fb.chat.click('hejing', `leave.approve:${id}`, `leave-${id}`)).toContain('已批准李春梅的请假申请');
  });
});
