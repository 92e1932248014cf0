// 接待登记: a station's deputy or staff member records visitors one after another, each with
// an assignment deadline of 7 working days (rules R3, R4), always in private chat and never
// logged (R6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

/** Thursday 2026-11-26 10:00 in Asia/Shanghai. */
const THURSDAY_10AM = '2026-11-26T02:00:00Z';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(THURSDAY_10AM);
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);

describe('接待登记 (rules R3, R4, R6)', () => {
  it('R3/R4: two visitors in a row, station kept, each due 7 working days after the reception (Thu → Mon across a weekend)', async () => {
    const first = await say('lichunmei', '接待登记');
    expect(first).toContain('为城关镇人大代表联络站登记来访者');
    expect(first).toContain('请输入来访者的姓名');
    expect(await say('lichunmei', '王大妈')).toContain('请输入来访者的联系电话');
    expect(await say('lichunmei', '139 1234 5678')).toContain('请输入来访者的住址');
    expect(await say('lichunmei', '城关镇幸福村3组')).toContain('反映的问题');
    expect(await say('lichunmei', '幸福村主干道路灯损坏已超过一个月，夜间出行不便。')).toContain('1. 城乡建设');
    const summary = await say('lichunmei', '1');
    expect(summary).toContain('来访者：王大妈');
    expect(summary).toContain('电话：13912345678');
    expect(summary).toContain('类别：城乡建设');
    const saved = await say('lichunmei', '是');
    const v1 = await fb.t.bot.db.receptionVisit.findFirstOrThrow();
    expect(saved).toBe(`已登记第 1 位来访者（编号 ${v1.id}），交办期限 12月7日。县人大常委会代表联络工委将统一梳理后按规定交办。\n继续登记下一位请回复“继续”，结束请回复“完成”。`);
    // R3: deputies record; the bot promises no outcome.
    expect(saved).not.toMatch(/解决|保证|一定/);
    expect(v1).toMatchObject({
      unitId: await fb.unitId('城关镇人大代表联络站'), recordedById: await fb.personId('lichunmei'),
      visitorName: '王大妈', visitorPhone: '13912345678', visitorAddress: '城关镇幸福村3组',
      category: '城乡建设', status: 'recorded', deadline: '2026-12-07', occurrenceId: null,
    });
    expect(v1.sourceKey).toMatch(/^event:wecom:\d+$/);

    // The second visitor starts at the name: the station is kept.
    expect(await say('lichunmei', '继续')).toBe('请输入来访者的姓名。');
    await say('lichunmei', '张师傅');
    await say('lichunmei', '无');
    await say('lichunmei', '无');
    await say('lichunmei', '孩子上学的校车接送时间不合理，希望调整。');
    expect(await say('lichunmei', '教育医疗')).toContain('住址：无');
    expect(await say('lichunmei', '确认')).toMatch(/^已登记第 2 位来访者（编号 \d+），交办期限 12月7日。/);
    expect(await say('lichunmei', '完成')).toContain('本次共登记 2 位来访者');

    const visits = await fb.t.bot.db.receptionVisit.findMany({ orderBy: { id: 'asc' } });
    expect(visits).toHaveLength(2);
    expect(visits[1]).toMatchObject({ visitorName: '张师傅', visitorPhone: null, visitorAddress: null, category: '教育医疗', deadline: '2026-12-07' });
    expect(new Set(visits.map((v) => v.sourceKey)).size).toBe(2);
    // R6: visitor identities never reach the logs.
    expect(fb.t.logs.join('')).not.toMatch(/王大妈|张师傅|13912345678/);
  });

  it('R6: started in a group chat, the dialog moves to private chat and the group sees no visitor data', async () => {
    const group = await fb.chat.sayInGroup('lichunmei', 'wrGroupFirst01', '接待登记');
    expect(group).toContain('我们转到与“人大代表履职助手”的单聊里继续');
    expect(group).not.toContain('请输入来访者的姓名');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toContain('请输入来访者的姓名');
    await say('lichunmei', '王大妈');
    await say('lichunmei', '13912345678');
    await say('lichunmei', '无');
    await say('lichunmei', '幸福村主干道路灯损坏已超过一个月。');
    expect(await say('lichunmei', '1')).toContain('来访者：王大妈');
    expect(await say('lichunmei', '是')).toContain('已登记第 1 位来访者');
    expect(fb.chat.groupAnswers()).toBe('');
    expect(fb.robot.replies.map((r) => r.content).join('')).not.toMatch(/王大妈|13912345678|路灯/);
    expect(await fb.t.bot.db.receptionVisit.count()).toBe(1);
  });

  it('office staff choose the station', async () => {
    expect(await say('hejing', '来访登记')).toMatch(/为哪个联络站登记来访者？请回复序号：\n1\. 城关镇人大代表联络站\n2\. 东河镇代表之家/);
    expect(await say('hejing', '2')).toContain('为东河镇代表之家登记来访者');
  });

  it('a member of a deputy group only is refused and told whom to ask', async () => {
    const answer = await say('wuxiaodong', '接待登记');
    expect(answer).toMatch(/^接待登记由联络站的代表和工作人员在接待选民时使用，您不是联络站成员。.*请联系何静/);
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
  });

  it('R6: a bad phone number is refused and asked again', async () => {
    await say('lichunmei', '登记来访');
    await say('lichunmei', '王大妈');
    expect(await say('lichunmei', '12345')).toBe('电话格式不对，请输入 11 位手机号或带区号的固定电话；没有请回复“无”。');
    expect(await say('lichunmei', '0571-88886666')).toContain('请输入来访者的住址');
    expect(await say('lichunmei', '幸')).toContain('住址需要 2 到 100 个字');
  });
});
