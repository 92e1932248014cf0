// Flows in a group chat, through the intelligent robot's encrypted JSON callbacks: each
// message's answer goes out once through its response_url (nock), addressed to the asker;
// personal steps move to the private chat with the app (rule R6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

const GROUP = 'wrGroupFirst01';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot();
});
afterEach(() => fb.stop());

const inGroup = (user: string, text: string) => fb.chat.sayInGroup(user, GROUP, text);
const say = (user: string, text: string) => fb.chat.say(user, text);

describe('in a group chat with the robot', () => {
  it('rule R6: 请假 answers through the response_url, moves the reason to private chat, and finishes there', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-27T06:00:00Z' });
    const group = await inGroup('lichunmei', '请假');
    expect(fb.robot.replies).toHaveLength(1);
    expect(fb.robot.replies[0]!.body).toEqual({ msgtype: 'markdown', markdown: { content: group } });
    expect(group).toMatch(/^<@lichunmei> /);
    // One line about the move, and nothing of the personal question in the group.
    expect(group.split('\n').filter((line) => line.includes('单聊'))).toHaveLength(1);
    expect(group).toContain('李春梅，涉及个人信息，我们转到与“人大代表履职助手”的单聊里继续');
    expect(group).not.toContain('请写明请假事由');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toMatch(/为“学习代表法”请假。请写明请假事由/);

    expect(await say('lichunmei', '到市里参加培训，无法参加')).toContain('请确认请假申请');
    expect(await say('lichunmei', '确认')).toMatch(/请假申请已提交/);
    const leaves = await fb.t.bot.db.leaveRequest.findMany();
    expect(leaves).toHaveLength(1);
    expect(leaves[0]).toMatchObject({ status: 'pending', reason: '到市里参加培训，无法参加' });
    expect(fb.chat.groupAnswers()).toBe(''); // the private part never reached the group
  });

  it('rule A6: 签到 in the group signs in at once, but a venue code is asked in private chat', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:00:00Z' });
    expect(await inGroup('lichunmei', '签到')).toBe('<@lichunmei> 签到成功：“学习代表法”，签到时间 10:00。');
    await fb.addActivity('城关镇人大代表联络站', { title: '站点接待', start: '2026-11-23T02:10:00Z', code: '5566' });
    // The code proves presence: asked in the group, absent members could read it there.
    expect(await inGroup('zhenglijuan', '签到')).toContain('我们转到与“人大代表履职助手”的单聊里继续');
    expect(await fb.chat.privateAnswersTo('zhenglijuan')).toBe('请输入“站点接待”现场公布的签到码。');
    expect(await say('zhenglijuan', '5566')).toBe('签到成功：“站点接待”，签到时间 10:00。');
    const present = await fb.t.bot.db.attendance.findMany({ where: { status: 'present' } });
    expect(present.map((a) => a.personId).sort()).toEqual([await fb.personId('lichunmei'), await fb.personId('zhenglijuan')].sort());
  });

  it('help lists the commands, addressed to the asker, and sends no card', async () => {
    const group = await inGroup('zhaowenhua', '帮助');
    expect(group).toMatch(/^<@zhaowenhua> 赵文华，您好！/);
    expect(group).toContain('「请假」');
    expect(group).toContain('在群里请先@我');
    expect(fb.chat.all()).toEqual([]); // no card, no private message
  });

  it('an answer sent privately (我的请假) leaves one line in the group saying where it went', async () => {
    const group = await inGroup('lichunmei', '我的请假');
    expect(group).toBe('<@lichunmei> 详细内容已发到您与“人大代表履职助手”的单聊，请查看。');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toBe('您 2026 年还没有请过假。');
  });

  it('two deputies running 提建议 in the same group at the same time keep separate drafts', async () => {
    expect(await inGroup('lichunmei', '提建议')).toContain('您要提交的是哪一类');
    expect(await inGroup('wuxiaodong', '提建议')).toMatch(/^<@wuxiaodong> .*您要提交的是哪一类/s);
    await inGroup('lichunmei', '建议');
    await inGroup('wuxiaodong', '批评');
    await inGroup('lichunmei', '关于增设公交站点的建议');
    await inGroup('wuxiaodong', '关于路灯维修不及时的批评');
    await inGroup('wuxiaodong', '幸福村主干道路灯损坏已超过一个月。');
    await inGroup('lichunmei', '城关镇东片居民出行不便，建议增设站点。');
    await inGroup('lichunmei', '完成');
    await inGroup('wuxiaodong', '完成');
    // The summaries repeat what each typed: they are confirmed in private chat (rule R6).
    expect(await inGroup('wuxiaodong', '否')).toBe('<@wuxiaodong> 吴晓东，请到与“人大代表履职助手”的单聊里核对内容并确认。');
    expect(await fb.chat.privateAnswersTo('wuxiaodong')).toMatch(/请确认要提交的批评：\n标题：关于路灯维修不及时的批评/);
    expect(await inGroup('lichunmei', '否')).toContain('单聊里核对内容并确认');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toMatch(/请确认要提交的建议：\n标题：关于增设公交站点的建议/);
    expect(await say('lichunmei', '是')).toMatch(/^您的建议已提交，编号 2026-建-0001/);
    expect(await say('wuxiaodong', '是')).toMatch(/编号 2026-批-0001/);
    const rows = await fb.t.bot.db.suggestion.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.kind, r.title, r.content])).toEqual([
      ['建议', '关于增设公交站点的建议', '城关镇东片居民出行不便，建议增设站点。'],
      ['批评', '关于路灯维修不及时的批评', '幸福村主干道路灯损坏已超过一个月。'],
    ]);
  });

  it('a person with no roster entry gets the roster sentence in the group', async () => {
    const group = await inGroup('nobody01', '请假');
    expect(group).toMatch(/^<@nobody01> 您还不在本系统的代表名册中/);
  });

  it('the same robot message delivered twice has one effect and one answer', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:00:00Z' });
    const sealed = fb.t.robotSender.seal(fb.t.robotSender.textJson({ from: 'lichunmei', chatId: GROUP, text: '签到', responseUrl: fb.robot.newUrl() }));
    expect((await fb.t.robotSender.post(sealed)).status).toBe(200);
    expect((await fb.t.robotSender.post(sealed)).status).toBe(200);
    await fb.chat.settle();
    expect(await fb.t.bot.db.attendance.count({ where: { status: 'present' } })).toBe(1);
    expect(fb.chat.groupAnswers().match(/签到成功/g)).toHaveLength(1);
    expect(fb.robot.reused).toEqual([]);
  });
});
