// Rule R6 in group chats, through the robot's encrypted callbacks: the bot never repeats what a
// person typed into the group — not an unknown message (a phone number, a name), not a name it
// could not match, not a summary of a dialog. Such words reach the sender only in private chat.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

const GROUP = 'wrGroupFirst01';
const PHONE = '13987654321';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const inGroup = (user: string, text: string) => fb.chat.sayInGroup(user, GROUP, text);

describe('rule R6: in a group the bot never repeats what a person typed', () => {
  it('an unrecognised phone number gets one short line without the number', async () => {
    const group = await inGroup('lichunmei', PHONE);
    expect(group).toBe('<@lichunmei> 我还不会处理这条消息，发送“帮助”查看我能做什么。');
    expect(group).not.toContain('13987');
    expect(fb.chat.all()).toEqual([]); // nothing private needed either
  });

  it('a sentence with a constituent\'s name and phone is not quoted back', async () => {
    const group = await inGroup('lichunmei', `王大妈的电话是${PHONE}，请帮忙联系`);
    expect(group).not.toMatch(/王大妈|13987/);
    expect(group).toContain('我还不会处理这条消息');
  });

  it('in private chat the unknown words are still quoted, to help the person', async () => {
    expect(await fb.chat.say('lichunmei', '天气预报')).toMatch(/^我还不会处理“天气预报”/);
  });

  it('代签 with a name that matches no one answers privately, not in the group', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:00:00Z' });
    const group = await inGroup('zhaowenhua', `代签 ${PHONE}`);
    expect(group).toBe('<@zhaowenhua> 详细内容已发到您与“人大代表履职助手”的单聊，请查看。');
    expect(await fb.chat.privateAnswersTo('zhaowenhua')).toBe(`“学习代表法”的参加人员里没有“${PHONE}”，请核对姓名。`);
  });

  it('a suggestion\'s summary (title and content as typed) is confirmed in private chat', async () => {
    await inGroup('lichunmei', '提建议');
    await inGroup('lichunmei', '建议');
    expect(await inGroup('lichunmei', '关于增设公交站点的建议')).not.toContain('关于增设公交站点的建议');
    expect(await inGroup('lichunmei', `城关镇东片居民出行不便，联系人${PHONE}`)).not.toContain('13987');
    await inGroup('lichunmei', '完成');
    const group = await inGroup('lichunmei', '否');
    expect(group).toBe('<@lichunmei> 李春梅，请到与“人大代表履职助手”的单聊里核对内容并确认。');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toMatch(/^请确认要提交的建议：\n标题：关于增设公交站点的建议\n内容：城关镇东片居民出行不便，联系人13987654321/);
    expect(await fb.chat.say('lichunmei', '是')).toMatch(/^您的建议已提交，编号 2026-建-0001/);
    expect(fb.chat.groupAnswers()).toBe('');
  });

  it('every group answer of a long conversation is free of the words typed into it', async () => {
    const typed = ['提建议', '1', '关于路灯维修不及时的批评意见', '幸福村主干道路灯损坏已超过一个月，村民张三丰反映多次', '完成', '否', '取消'];
    for (const text of typed) {
      const group = await inGroup('wuxiaodong', text);
      for (const earlier of typed.filter((t) => [...t].length >= 5)) expect(group, `answer to ${text}`).not.toContain(earlier);
    }
  });
});
