// Sign-in, proxy sign-in and the attendance sheet through encrypted callbacks (rule A6).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
const attendance = async (user: string) =>
  fb.t.bot.db.attendance.findFirst({ where: { personId: await fb.personId(user) } });

describe('签到 (rule A6)', () => {
  it('outside the window says when sign-in opens', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T06:00:00Z' }); // 14:00
    expect(await say('lichunmei', '签到')).toBe('“学习代表法”的签到将于 11月23日（周一）13:30 开放（活动开始前 30 分钟），到时再发“签到”即可。');
    expect(await attendance('lichunmei')).toBeNull();
  });

  it('inside the window records presence with the time; a second 签到 says when', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:20:00Z' }); // 10:20, opens 09:50
    expect(await say('lichunmei', '签到')).toBe('签到成功：“学习代表法”，签到时间 10:00。');
    expect(await attendance('lichunmei')).toMatchObject({ status: 'present', method: 'self' });
    fb.clock.advance(5 * 60_000);
    expect(await say('lichunmei', '签到')).toBe('您已于 10:00 签到“学习代表法”，不用重复签到。');
  });

  it('asks for the venue code when the activity has one', async () => {
    await fb.addActivity('第一代表小组', { title: '视察', start: '2026-11-23T02:00:00Z', code: '8341' });
    expect(await say('lichunmei', '签到')).toBe('请输入“视察”现场公布的签到码。');
    expect(await say('lichunmei', '1234')).toBe('签到码不对，请核对现场公布的签到码后再发一次。');
    expect(await say('lichunmei', '８３４１')).toContain('签到成功');
  });

  it('asks which activity when several are open', async () => {
    await fb.addActivity('第一代表小组', { title: '小组学习', start: '2026-11-23T02:00:00Z' });
    await fb.addActivity('城关镇人大代表联络站', { title: '站点接待', start: '2026-11-23T02:10:00Z' });
    expect(await say('lichunmei', '签到')).toContain('现在有几场活动可以签到');
    expect(await say('lichunmei', '2')).toBe('签到成功：“站点接待”，签到时间 10:00。');
  });

  it('after the end the window is closed', async () => {
    await fb.addActivity('第一代表小组', { title: '上午的会', start: '2026-11-22T23:00:00Z', hours: 2 }); // 07:00-09:00
    expect(await say('lichunmei', '签到')).toBe('您现在没有可以签到的活动。');
  });
});

describe('代签 and 签到情况', () => {
  it('the liaison signs a deputy in; recorded as proxy in the audit trail; the deputy is told', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:00:00Z' });
    expect(await say('sunjianguo', '代签 李春梅')).toBe('已为李春梅代签“学习代表法”，时间 10:00，已记入考勤（代签）。');
    expect(await attendance('lichunmei')).toMatchObject({ status: 'present', method: 'proxy', recordedById: await fb.personId('sunjianguo') });
    const log = await fb.t.bot.db.auditLog.findFirst({ where: { action: 'attendance.proxy' } });
    expect(log?.actorId).toBe(await fb.personId('sunjianguo'));
    expect(fb.chat.all().find((m) => m.to.includes('lichunmei'))?.text).toBe('孙建国已为您代签“学习代表法”，时间 10:00。如有误请联系孙建国。');
  });

  it('a member may not proxy; a wrong name is said plainly', async () => {
    await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:00:00Z' });
    expect(await say('wuxiaodong', '代签 李春梅')).toContain('只有代表小组组长、联络站站长和联络员可以使用');
    expect(await say('sunjianguo', '代签 王小二')).toBe('“学习代表法”的参加人员里没有“王小二”，请核对姓名。');
    expect(await say('sunjianguo', '代签')).toBe('请发送“代签 姓名”，例如“代签 张三”。');
  });

  it('签到情况 lists present, on leave and not yet signed in', async () => {
    const id = await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-23T02:00:00Z' });
    await say('lichunmei', '签到');
    await fb.t.bot.db.attendance.create({ data: { orgId: fb.t.bot.orgId, activityId: id, personId: await fb.personId('wuxiaodong'), status: 'leave', method: 'leave' } });
    const sheet = await say('zhaowenhua', '签到情况');
    expect(sheet).toMatch(/“学习代表法”签到情况：\n已签到（1）：李春梅\n请假（1）：吴晓东\n未签到（4）：/);
    expect(sheet).toContain('赵文华');
  });
});
