// Official wording, set per organisation (rule U4): the supervising body has one name, the
// organisation's policy.supervisingBody, and every sentence that names a body — whom to ask,
// whom to report to, whose staff may do something — uses it. Through encrypted callbacks and
// the scheduler, against the (nock) WeCom API. A township office sets its presidium's name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createActivity } from '../../../src/services/activity-service.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

const BODY = '城关镇人大主席团';
/** The names the texts used before: none may reach a person of an organisation that set its own. */
const OLD_NAMES = ['联络工委', '代表联络工作机构', '人大办', '人大常委会办公室', '县人大常委会代表联络'];

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
  await fb.t.bot.db.organisation.update({
    where: { id: fb.t.bot.orgId },
    data: { policy: JSON.stringify({ supervisingBody: BODY, suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0 }) },
  });
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};

describe('rule U4: one supervising body per organisation, named from its policy', () => {
  it('whom to ask, whose staff may act, and where the office staff work: all name the configured body', async () => {
    expect(await say('nobody01', '请假')).toBe(`您还不在本系统的代表名册中，请联系${BODY}的工作人员把您加入名册。`);
    expect(await say('lichunmei', '我的信息')).toMatch(new RegExp(`如有错误，请联系${BODY}更正。$`));
    expect(await say('hejing', '我的信息')).toContain(`工作机构：${BODY}（工作人员）`);
    expect(await say('lichunmei', '联系工作人员')).toContain(`${BODY}：何静 13900000201`);
    expect(await say('lichunmei', '答复登记')).toBe(`“答复登记”只有${BODY}的工作人员可以使用；如需办理，请联系${BODY}。`);
    expect(await say('wuxiaodong', '发布活动')).toBe(`只有本组组长、副组长、联络员或${BODY}的工作人员可以发布活动，请联系赵文华。`);
    const all = fb.chat.all().map((m) => m.text ?? '').join('\n');
    for (const name of OLD_NAMES) expect(all).not.toContain(name);
  });

  it('rule A4, A5: the committee report reminder and the written-account draft name the configured body', async () => {
    const startAt = new Date('2026-12-04T06:00:00Z'); // Friday 14:00
    const created = await createActivity(fb.t.bot.db, {
      orgId: fb.t.bot.orgId, unit: { name: '第一代表小组' }, kind: '学习', title: '学习代表法', startAt,
      endAt: new Date(startAt.getTime() + 2 * 3600_000), place: '县人大会议室', now: fb.clock.now(),
    });
    expect(created.ok).toBe(true);
    fb.clock.set('2026-12-02T01:00:00Z'); // two days before, 09:00
    await tick();
    const report = fb.chat.all().find((m) => m.text?.includes('的时间、地点和内容'));
    expect(report?.text).toContain(`向${BODY}报告第一代表小组“学习代表法”`);
    fb.clock.set('2026-12-04T09:00:00Z'); // after the end
    await tick();
    const summary = fb.chat.all().find((m) => m.text?.includes('活动情况报告（草稿'));
    expect(summary?.text).toContain(`活动情况报告（草稿，请补充后报送${BODY}）`);
    const all = fb.chat.all().map((m) => m.text ?? '').join('\n');
    for (const name of OLD_NAMES) expect(all).not.toContain(name);
  });

  it('an organisation that sets nothing gets the default, 县人大常委会代表联络工委', async () => {
    await fb.t.bot.db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: '{}' } });
    expect(await say('lichunmei', '我的信息')).toMatch(/如有错误，请联系县人大常委会代表联络工委更正。$/);
  });
});
