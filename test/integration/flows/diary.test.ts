// 民情日记 (rules P3, R6) through the real callback path: the dialog runs in private chat even when
// started in a group; the visited constituent's confirmation is required (a photo of the signed
// page, or a name and a phone); the month's and the year's counts come back against the
// policy; on the 25th those below the month's minimum are reminded, once, caught up after
// downtime.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';
import { seedYear, sendMedia } from '../../helpers/records.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
  await seedYear(fb.t.bot.db, fb.t.bot.orgId); // 李春梅: 2 entries in November, 3 this year
  await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: JSON.stringify({ suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0, annualReportRemindDays: [] }) } });
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};

async function upToConfirmation(user = 'lichunmei') {
  await say(user, '民情日记');
  await say(user, '昨天');
  await say(user, '幸福村三组王秀英家');
  await say(user, '村口排水沟堵塞，雨天积水');
  return say(user, '已拍照反映给镇城建办，约定下周疏通');
}

describe('民情日记 (rule P3)', () => {
  it('rule P3: the constituent\'s confirmation is required; a name and a phone will do; the counts come back', async () => {
    expect(await say('lichunmei', '民情日记')).toBe('记一篇民情日记（只在单聊中进行，选民的信息不会出现在群里）。\n哪一天走访的？例如“今天”“昨天”或“11月20日”。');
    expect(await say('lichunmei', '明年1月1日')).toBe('没能看懂这个日期，请写成“今天”“昨天”或“11月20日”。');
    expect(await say('lichunmei', '昨天')).toBe('走访了谁、在哪里？例如“幸福村王大爷家”（2 到 500 字）。');
    expect(await say('lichunmei', '幸福村三组王秀英家')).toBe('选民反映了什么问题或意见？（2 到 500 字）');
    expect(await say('lichunmei', '村口排水沟堵塞，雨天积水')).toBe('您做了什么、下一步怎么办？（2 到 500 字）');
    expect(await say('lichunmei', '已拍照反映给镇城建办，约定下周疏通')).toBe('民情日记须经被走访选民本人签名确认。请发送选民签字页的照片；或回复选民的姓名和手机号，例如“王秀英 13912345678”。');
    // Without the constituent's confirmation nothing is saved.
    expect(await say('lichunmei', '完成')).toBe('需要选民本人的确认：请发送签字页的照片，或写“姓名 手机号”（11 位手机号或带区号的座机），例如“王秀英 13912345678”。');
    expect(await say('lichunmei', '王秀英')).toContain('需要选民本人的确认');
    expect(await fb.t.bot.db.diaryEntry.count({ where: { visitedOn: '2026-11-22' } })).toBe(0);
    expect(await say('lichunmei', '王秀英 13912345678')).toBe('请确认这篇民情日记：\n日期：11月22日\n走访：幸福村三组王秀英家\n反映：村口排水沟堵塞，雨天积水\n处理：已拍照反映给镇城建办，约定下周疏通\n选民确认：王秀英 13912345678\n确认保存请回复“是”，不保存请回复“否”。');
    expect(await say('lichunmei', '是')).toBe('民情日记已记下。11月 3 篇（每月至少 5 篇），2026年 4 篇（全年至少 60 篇）。');
    expect(await fb.t.bot.db.diaryEntry.findFirstOrThrow({ where: { visitedOn: '2026-11-22' } })).toMatchObject({
      confirmation: 'contact', constituentName: '王秀英', constituentPhone: '13912345678', photoRef: null, visited: '幸福村三组王秀英家',
    });
  });

  it('rule P3: a photo of the signed page confirms it too', async () => {
    await upToConfirmation();
    await sendMedia(fb.t, 'lichunmei', 'image', 'signed-page-1');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toContain('选民确认：签字页照片');
    expect(await say('lichunmei', '是')).toContain('民情日记已记下。');
    expect(await fb.t.bot.db.diaryEntry.findFirstOrThrow({ where: { visitedOn: '2026-11-22' } })).toMatchObject({ confirmation: 'photo', photoRef: 'signed-page-1', constituentName: null });
  });

  it('rule R6: started in a group, the diary moves to private chat and the group never sees the constituent', async () => {
    const group = await fb.chat.sayInGroup('lichunmei', 'wrGroupFirst01', '民情日记');
    expect(group).toContain('涉及个人信息，我们转到与“人大代表履职助手”的单聊里继续');
    expect(await fb.chat.privateAnswersTo('lichunmei')).toContain('哪一天走访的？');
    await upToConfirmation('lichunmei').catch(() => undefined);
    expect(fb.robot.replies.map((r) => r.content).join('\n')).not.toMatch(/王秀英|排水沟/);
  });

  it('a non-deputy is told the diary is the deputies\'', async () => {
    expect(await say('hejing', '民情日记')).toBe('“民情日记”只有人大代表可以使用；如需办理，请联系县人大常委会代表联络工委。');
  });
});

describe('rule P3: the reminder on the 25th', () => {
  const reminders = () => fb.chat.all().filter((m) => m.text?.includes('您的民情日记已记'));

  it('rule P3: deputies below the month\'s minimum are reminded on the 25th from 09:00, each with their count, once', async () => {
    fb.clock.set('2026-11-25T00:30:00Z'); // 08:30: not yet
    await tick();
    expect(reminders()).toHaveLength(0);
    fb.clock.set('2026-11-25T01:05:00Z');
    await tick();
    const sent = reminders();
    expect(sent.find((m) => m.to.includes('lichunmei'))!.text).toBe('11月您的民情日记已记 2 篇，每月至少 5 篇，还差 3 篇。走访选民后发送“民情日记”即可记录。');
    const none = sent.find((m) => m.text!.includes('已记 0 篇'))!;
    expect(none.to).toContain('zhaowenhua');
    expect(none.to).not.toContain('lichunmei');
    expect(none.to).not.toContain('hejing'); // staff keep no diary
    await fb.restart();
    await tick();
    expect(reminders()).toHaveLength(sent.length);
  });

  it('rule P3: a bot down over the 25th sends it on the 26th; one down until the next month does not send it late', async () => {
    fb.clock.set('2026-11-24T02:00:00Z');
    await tick();
    fb.clock.set('2026-11-26T02:00:00Z');
    await fb.restart();
    await tick();
    expect(reminders().length).toBeGreaterThan(0);
    const count = reminders().length;
    fb.clock.set('2027-01-02T02:00:00Z'); // December's row was planned; the whole month passed while "down"
    await fb.restart();
    await tick();
    expect(reminders().filter((m) => m.text!.startsWith('12月'))).toHaveLength(0);
    expect(reminders()).toHaveLength(count);
    const runs = await fb.t.bot.db.scheduledRun.findMany({ where: { job: 'records:diary' }, orderBy: { period: 'asc' } });
    expect(runs.map((r) => [r.period, r.status])).toEqual([['2026-11', 'done'], ['2026-12', 'missed'], ['2027-01', 'planned'], ['2027-02', 'planned']]);
    expect(fb.t.bot.metrics.read('bot_reminders_missed_total', { job: 'records:diary' })).toBe(1);
  });

  it('rule P3: a county that keeps no diary (0 a month) reminds nobody', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: JSON.stringify({ diaryEntriesPerMonth: 0, annualReportRemindDays: [] }) } });
    fb.clock.set('2026-11-25T02:00:00Z');
    await tick();
    expect(reminders()).toHaveLength(0);
  });
});
