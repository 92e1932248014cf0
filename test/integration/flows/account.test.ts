// Rule A5: after an activity the leader completes the written account by chatting; it is
// stored with the activity and delivered to the supervising body's staff.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot('2026-11-23T09:00:00Z'); // Monday 17:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);

describe('填写纪要 (rule A5)', () => {
  it('rule A5: the leader writes results and opinions; the account is stored with attendance from the record and sent to the supervising body', async () => {
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T06:00:00Z' });
    await fb.t.bot.db.attendance.create({ data: { orgId: fb.t.bot.orgId, activityId: id, personId: await fb.personId('lichunmei'), status: 'present', signedInAt: new Date('2026-11-23T06:00:00Z') } });
    expect(await say('zhaowenhua', '填写纪要')).toBe('请写“学习代表法”的活动成效（做了什么、有什么结果），5 到 1000 字。');
    expect(await say('zhaowenhua', '好')).toBe('请写 5 到 1000 个字。');
    expect(await say('zhaowenhua', '集中学习了代表法第四章，交流了闭会期间履职体会。')).toContain('一府两院');
    const summary = await say('zhaowenhua', '建议县政府加快城关镇公交线路调整。');
    expect(summary).toContain('三、参加人员：李春梅');
    expect(summary).toContain('四、活动成效：集中学习了代表法第四章');
    expect(await say('zhaowenhua', '是')).toBe('“学习代表法”的情况报告已保存，并已报送县人大常委会代表联络工委。');
    // Rule A5: the supervising body's staff (office staff) receive it, once.
    const delivered = fb.chat.all().filter((x) => x.text?.startsWith('【活动情况报告】'));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.to.sort()).toEqual(['hejing', 'lvming', 'shijia']);
    expect(delivered[0]!.text).toMatch(/^【活动情况报告】第一代表小组“学习代表法”（11月23日（周一）14:00），赵文华填写：\n一、活动内容：学习代表法\n/);
    expect(delivered[0]!.text).toContain('五、对“一府两院”的意见建议：建议县政府加快城关镇公交线路调整。');
    const saved = await fb.t.bot.db.activity.findUniqueOrThrow({ where: { id } });
    expect(saved.account).toContain('五、对“一府两院”的意见建议：建议县政府加快城关镇公交线路调整。');
    expect(saved.accountById).toBe(await fb.personId('zhaowenhua'));
    expect(await say('zhaowenhua', '填写纪要')).toBe('您负责的单位最近 30 天没有需要填写情况报告的活动。');
  });

  it('a member may not write the account', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T06:00:00Z' });
    expect(await say('wuxiaodong', '填写纪要')).toContain('只有代表小组组长、联络站站长和联络员可以使用');
  });
});

describe('填写纪要 where the supervising body has another name (rule A5)', () => {
  it('rule A5: the answer names the organisation\'s supervising body from its policy', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: JSON.stringify({ supervisingBody: '城关镇人大主席团', suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0 }) } });
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T06:00:00Z' });
    await say('zhaowenhua', '填写纪要');
    await say('zhaowenhua', '集中学习了代表法第四章，交流了闭会期间履职体会。');
    await say('zhaowenhua', '无');
    expect(await say('zhaowenhua', '是')).toBe('“学习代表法”的情况报告已保存，并已报送城关镇人大主席团。');
  });
});
