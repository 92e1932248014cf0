// What a message that is no command gets, through encrypted callbacks: almost a command asks
// 您是要「…」吗？ (是 runs it, anything else is a new message); anything else costs one short
// line, not the command list and a card; in a group, after a dialog moved to private chat, the
// person is pointed there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

const GROUP = 'wrGroupFirst01';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const inGroup = (user: string, text: string) => fb.chat.sayInGroup(user, GROUP, text);

describe('near-miss commands', () => {
  it('rule L1: 请加 asks 您是要「请假」吗？ and 是 starts the leave request', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    expect(await say('lichunmei', '请加')).toBe('您是要「请假」吗？是请回复“是”。');
    expect(await say('lichunmei', '是')).toMatch(/^为“学习代表法”请假。请写明请假事由/);
  });

  it('rule A6: 签道 asks about 签到; 否 ends it; another message after the question is handled as itself', async () => {
    expect(await say('lichunmei', '签道')).toBe('您是要「签到」吗？是请回复“是”。');
    expect(await say('lichunmei', '否')).toBe('好的。发送“帮助”查看我能做什么。');
    expect(await say('lichunmei', '签道')).toBe('您是要「签到」吗？是请回复“是”。');
    expect(await say('lichunmei', '我的请假')).toBe('您 2026 年还没有请过假。');
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
    // The question has lapsed: 是 now is no answer to anything.
    expect(await say('lichunmei', '是')).toBe('我还不会处理“是”。发送“帮助”查看我能做什么。');
  });

  it('提意见 is a name of 提建议 already; 提建意 is asked about', async () => {
    expect(await say('lichunmei', '提意见')).toContain('您要提交的是哪一类');
    await say('lichunmei', '取消');
    expect(await say('lichunmei', '提建意')).toBe('您是要「提建议」吗？是请回复“是”。');
  });

  it('a command the person may not use is not suggested', async () => {
    expect(await say('lichunmei', '交般')).toBe('我还不会处理“交般”。发送“帮助”查看我能做什么。'); // 交办: office only
    expect(await say('hejing', '交般')).toBe('您是要「交办」吗？是请回复“是”。');
  });

  it('an unknown message costs one short line: no command list, no card', async () => {
    expect(await say('lichunmei', '天气预报')).toBe('我还不会处理“天气预报”。发送“帮助”查看我能做什么。');
    expect(fb.chat.all()).toHaveLength(1);
    expect(fb.chat.cardsTo('lichunmei')).toHaveLength(0);
  });
});

describe('in a group, after a dialog moved to private chat', () => {
  it('rule R6: further group messages point to the private chat; commands still work; 取消 there ends it', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    expect(await inGroup('lichunmei', '请假')).toContain('我们转到与“人大代表履职助手”的单聊里继续');
    expect(await inGroup('lichunmei', '家里有事去不了')).toBe('<@lichunmei> 李春梅，请到与我的单聊里继续请假。');
    expect(await inGroup('lichunmei', '我的请假')).toContain('详细内容已发到您与“人大代表履职助手”的单聊');
    // Someone else in the group is not affected.
    expect(await inGroup('wuxiaodong', '家里有事去不了')).toBe('<@wuxiaodong> 我还不会处理这条消息，发送“帮助”查看我能做什么。');
    expect(await inGroup('lichunmei', '取消')).toBe('<@lichunmei> 好的，已取消请假，没有保存任何内容。');
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
    expect(await inGroup('lichunmei', '家里有事去不了')).toBe('<@lichunmei> 我还不会处理这条消息，发送“帮助”查看我能做什么。');
  });

  it('once the private dialog is done, the group is back to normal', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    await inGroup('lichunmei', '请假');
    await fb.chat.privateAnswersTo('lichunmei');
    await say('lichunmei', '到市里参加培训，无法参加');
    expect(await say('lichunmei', '是')).toContain('请假申请已提交');
    expect(await inGroup('lichunmei', '谢谢')).toBe('<@lichunmei> 我还不会处理这条消息，发送“帮助”查看我能做什么。');
  });
});
