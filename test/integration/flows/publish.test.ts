// 发布活动, 修改活动, 取消活动 end to end through encrypted callbacks (rules A1, A4, U5).
import { createLogger } from '../../../src/lib/logger.ts';
import { sendDueNotices } from '../../../src/services/notices/send-due-notices.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDateTime } from '../../../src/flows/parse/datetime.ts';
import { createActivity } from '../../../src/services/activity-service.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
});
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
// Only the notice sender: these tests publish by hand and leave reception days (R1) out.
const tick = async () => {
  await sendDueNotices({ db: fb.t.bot.db, clock: fb.clock, outbound: fb.t.bot.workers!.outbound, logger: createLogger('silent') });
  await fb.chat.settle();
};
const activities = () => fb.t.bot.db.activity.findMany({ orderBy: { id: 'asc' } });
const cardsFor = (id: number) => fb.chat.all().filter((m) => m.card && String(m.card.task_id).includes(`-${id}-`));
const GROUP = ['lichunmei', 'qianxiuying', 'sunjianguo', 'wuxiaodong', 'zhaowenhua', 'zhouhaitao'];

/** Publishes through the dialog as 赵文华 for 第一代表小组; returns the last answer. */
async function publishByChat(start: string, end = '16:30') {
  await say('zhaowenhua', '发布活动');
  await say('zhaowenhua', '1');
  await say('zhaowenhua', '视察');
  await say('zhaowenhua', '是，11月20日学习了水污染防治法'); // rule A7
  await say('zhaowenhua', '视察城区污水处理厂');
  await say('zhaowenhua', start);
  await say('zhaowenhua', end);
  await say('zhaowenhua', '城区污水处理厂');
  await say('zhaowenhua', '无');
  await say('zhaowenhua', '全体');
  return say('zhaowenhua', '是');
}

async function publishStation(start: string) {
  const startAt = new Date(start);
  const result = await createActivity(fb.t.bot.db, {
    orgId: fb.t.bot.orgId, unit: { name: '城关镇人大代表联络站' }, kind: '走访座谈', title: '走访选民', startAt,
    endAt: new Date(startAt.getTime() + 3 * 3600_000), place: '联络站接待室', now: fb.clock.now(),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.activity.id;
}

/** Publishes through the dialog as 赵文华 for 第一代表小组, answering the invitees step with `invitees`. */
async function publishInviting(invitees: string) {
  for (const text of ['发布活动', '1', '学习', '学习代表法', '下周二下午2点', '16:30', '县人大常委会三楼会议室', '无']) await say('zhaowenhua', text);
  return say('zhaowenhua', invitees);
}
const inviteeNames = async (activityId: number) =>
  (await fb.t.bot.db.person.findMany({ where: { id: { in: (await fb.t.bot.db.activityInvitee.findMany({ where: { activityId } })).map((i) => i.personId) } } }))
    .map((p) => p.name).sort();

describe('rule A4: invitees — the whole unit, all but some, or only some (services/invitees)', () => {
  it('除了吴晓东 invites the rest of the unit; only they are invited and get notices', async () => {
    expect(await publishInviting('除了吴晓东')).toContain('参加人员：除吴晓东外的本单位成员（5 人）');
    await say('zhaowenhua', '是');
    const [activity] = await activities();
    expect(await inviteeNames(activity!.id)).toEqual(['孙建国', '周海涛', '李春梅', '赵文华', '钱秀英'].sort());
    const notices = await fb.t.bot.db.notice.findMany({ where: { activityId: activity!.id, kind: 'notice:3' } });
    expect(notices.map((n) => n.personId).sort()).toEqual((await fb.t.bot.db.activityInvitee.findMany({ where: { activityId: activity!.id } })).map((i) => i.personId).sort());
  });

  it('只邀请 赵文华、钱秀英 invites those two', async () => {
    expect(await publishInviting('只邀请 赵文华、钱秀英')).toContain('参加人员：赵文华、钱秀英（2 人）');
    await say('zhaowenhua', '是');
    const [activity] = await activities();
    expect(await inviteeNames(activity!.id)).toEqual(['赵文华', '钱秀英'].sort());
  });

  it('names that match nobody in the unit are named in one sentence, and the step is asked again', async () => {
    expect(await publishInviting('只邀请 张三、李四')).toBe('第一代表小组没有“张三”、“李四”，请核对姓名后重新输入（多个姓名用顿号隔开）。');
    expect(await say('zhaowenhua', '除了赵文华、钱秀英、孙建国、李春梅、吴晓东、周海涛')).toBe('这样就没有人参加了，请重新选择：回复“是”邀请全体，或写“只邀请 张三、李四”。');
    expect(await say('zhaowenhua', '全体')).toContain('参加人员：本单位全体（6 人）');
    expect(await fb.t.bot.db.activity.count()).toBe(0);
  });
});

describe('发布活动 (publish an activity)', () => {
  it('rule A1: unit → kind → title → 下周二下午2点 → 16:30 → place → content → everyone → confirm; invitees and A4 notices planned', async () => {
    expect(await say('zhaowenhua', '发布活动')).toBe('为哪个单位发布活动？请回复序号：\n1. 第一代表小组\n2. 城关镇人大代表联络站');
    const kinds = await say('zhaowenhua', '1');
    expect(kinds).toContain('为第一代表小组发布活动。是哪一类活动？');
    expect(kinds).toContain('2. 视察');
    expect(await say('zhaowenhua', '十一')).toContain('请回复 1 到 10 的序号');
    expect(await say('zhaowenhua', '2')).toBe('视察前应先组织学习相关法律法规。这次之前已经组织学习了吗？已学习请回复“是”并写明学习内容，例如“是，11月20日学习了大气污染防治法”；还没有请回复“否”。');
    expect(await say('zhaowenhua', '不知道')).toBe('请回复“是”（可在后面写明学习内容）或“否”。');
    expect(await say('zhaowenhua', '否')).toBe('好的，活动记录中会注明“会前未组织学习”。建议在活动前安排一次集中学习：发送“发布活动”，类型选“学习”。\n活动标题是什么？（60 字以内，例如“学习代表法”）');
    expect(await say('zhaowenhua', '视察城区污水处理厂')).toContain('什么时候开始');
    expect(await say('zhaowenhua', '下周二')).toBe('请写上几点开始，例如“下周二下午2点”。');
    expect(await say('zhaowenhua', '下周二下午2点')).toContain('开始时间：12月1日（周二）14:00。几点结束？');
    expect(await say('zhaowenhua', '13:00')).toContain('结束时间要晚于开始时间');
    expect(await say('zhaowenhua', '16:30')).toContain('活动地点在哪里');
    expect(await say('zhaowenhua', '城区污水处理厂')).toContain('活动内容是什么');
    expect(await say('zhaowenhua', '听取运营情况汇报')).toBe('邀请第一代表小组全体 6 人参加请回复“是”；只邀请部分人请写“只邀请 张三、李四”，不邀请某几位请写“除了张三”。');
    expect(await say('zhaowenhua', '只请组长')).toBe('第一代表小组没有“组长”，请核对姓名后重新输入（多个姓名用顿号隔开）。');
    const summary = await say('zhaowenhua', '全体');
    expect(summary).toContain('类型：视察');
    expect(summary).toContain('时间：12月1日（周二）14:00–16:30');
    expect(summary).toContain('参加人员：本单位全体（6 人）');
    expect(summary).toContain('会前学习：未组织');
    const done = await say('zhaowenhua', '是');
    const [activity] = await activities();
    expect(done).toBe(`已发布“视察城区污水处理厂”，编号 ${activity!.id}。通知卡片会按规定时间发给参加人员。`);
    expect(activity).toMatchObject({
      kind: 'inspection', title: '视察城区污水处理厂', place: '城区污水处理厂', content: '听取运营情况汇报', revision: 1,
      startAt: new Date('2026-12-01T06:00:00Z'), endAt: new Date('2026-12-01T08:30:00Z'), createdById: await fb.personId('zhaowenhua'),
      studyHeld: false, studyNote: null, // rule A7
    });
    expect(await fb.t.bot.db.activityInvitee.count({ where: { activityId: activity!.id } })).toBe(6);
    // Rule A4: 3 days before is Saturday 11-28, so the card goes on Friday 11-27 at 09:00.
    const notices = await fb.t.bot.db.notice.findMany({ where: { activityId: activity!.id, kind: 'notice:3' } });
    expect(notices).toHaveLength(6);
    expect(notices.every((n) => n.dueAt.toISOString() === '2026-11-27T01:00:00.000Z' && n.status === 'planned')).toBe(true);
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
  });

  it('rule A4: published two days ahead — the publisher is told in one sentence, and the card goes on the next tick', async () => {
    const done = await publishByChat('周三上午9点', '11:00');
    expect(done).toMatch(/^已发布“视察城区污水处理厂”，编号 \d+。按规定应至少提前 3 天通知（11月20日前），现在已晚于此时间，通知已立即发出。$/);
    const [activity] = await activities();
    // Rule A7: the study session named by the publisher is on the activity's record.
    expect(activity).toMatchObject({ studyHeld: true, studyNote: '11月20日学习了水污染防治法' });
    await tick();
    const cards = cardsFor(activity!.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]!.to.sort()).toEqual(GROUP);
  });

  it('rule U5: a plain member is refused with the name of who can publish', async () => {
    expect(await say('wuxiaodong', '发布活动')).toBe('只有本组组长、副组长、联络员或县人大常委会代表联络工委的工作人员可以发布活动，请联系赵文华。');
    expect(await say('wuxiaodong', '取消活动')).toBe('只有本组组长、副组长、联络员或县人大常委会代表联络工委的工作人员可以取消活动，请联系赵文华。');
    expect(await fb.t.bot.db.dialog.count()).toBe(0);
  });

  it('office staff choose among all units', async () => {
    const units = await say('hejing', '发通知');
    expect(units).toContain('1. 第一代表小组');
    expect(units).toContain('东河镇代表之家');
  });

  it('an impossible date (2月30日) is refused with the parser\'s sentence', async () => {
    await say('zhaowenhua', '发布活动');
    await say('zhaowenhua', '1');
    await say('zhaowenhua', '学习');
    await say('zhaowenhua', '学习代表法');
    const expected = parseDateTime('2月30日下午2点', fb.clock.now());
    expect(expected.ok).toBe(false);
    expect(await say('zhaowenhua', '2月30日下午2点')).toBe(expected.ok ? '' : expected.message);
    expect(await say('zhaowenhua', '帮助')).toContain('这一步：写日期和具体时间');
  });
});

describe('修改活动 and 取消活动 (rule A4)', () => {
  it('editing the time bumps the revision, drops the old planned notices and sends an "updated" card to those already notified', async () => {
    const id = await publishStation('2026-12-08T01:00:00Z'); // Tue 12-08 09:00: 1-week card on 12-01
    fb.clock.set('2026-12-01T01:00:00Z');
    await tick();
    const notified = cardsFor(id)[0]!.to.sort();
    expect(notified).toContain('lichunmei');
    expect(await say('zhaowenhua', '修改活动')).toBe('修改“走访选民”的哪一项？请回复：1. 时间  2. 地点  3. 内容  4. 标题');
    expect(await say('zhaowenhua', '时间')).toContain('什么时候开始');
    expect(await say('zhaowenhua', '12月10日下午3点')).toContain('开始时间：12月10日（周四）15:00');
    const summary = await say('zhaowenhua', '17:00');
    expect(summary).toContain('时间：12月8日（周二）09:00–12:00 → 12月10日（周四）15:00–17:00');
    expect(await say('zhaowenhua', '确认')).toBe(`已修改“走访选民”的时间。已向已收到通知的 ${notified.length} 人发送变更通知。`);
    const activity = await fb.t.bot.db.activity.findUniqueOrThrow({ where: { id } });
    expect(activity).toMatchObject({ revision: 2, startAt: new Date('2026-12-10T07:00:00Z'), endAt: new Date('2026-12-10T09:00:00Z') });
    const updated = fb.chat.all().filter((m) => String(m.card?.task_id).startsWith(`update-${id}-2-`));
    expect(updated).toHaveLength(1); // nobody has answered: one batch
    expect(updated[0]!.to.sort()).toEqual(notified);
    expect(updated[0]!.card).toMatchObject({
      main_title: { title: '走访选民', desc: '活动变更通知' },
      sub_title_text: '时间：12月8日（周二）09:00–12:00 → 12月10日（周四）15:00–17:00',
    });
    // The old revision's 3-day card (due Fri 12-04) is not sent; the new plan's cards are.
    fb.clock.set('2026-12-04T01:00:00Z');
    await tick();
    expect(cardsFor(id).some((m) => String(m.card!.task_id).startsWith(`notice-${id}-1-3`))).toBe(false);
    const old = await fb.t.bot.db.notice.findMany({ where: { activityId: id, revision: 1, kind: 'notice:3' } });
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((n) => n.status === 'dropped')).toBe(true); // replaced by the new plan at the edit
    expect(await fb.t.bot.db.notice.count({ where: { activityId: id, revision: 2, kind: 'notice:3', status: 'planned' } })).toBe(notified.length);
  });

  it('cancelling tells everyone already notified and says how many', async () => {
    await publishByChat('周三上午9点', '11:00');
    const [activity] = await activities();
    await tick(); // the late card goes at once (and the A4 committee reminder to the leads)
    expect(await say('zhaowenhua', '取消活动')).toContain('请确认：\n取消活动：视察城区污水处理厂\n时间：11月25日（周三）09:00\n单位：第一代表小组\n确认取消请回复“是”，不取消请回复“否”。');
    expect(await say('zhaowenhua', '是')).toContain('已取消“视察城区污水处理厂”。已通知已收到活动通知的 6 人。');
    const told = fb.chat.all().find((m) => m.text?.startsWith('通知：原定'));
    expect(told?.text).toBe('通知：原定 11月25日（周三）09:00 的“视察城区污水处理厂”已取消，请相互转告。');
    expect(told?.to.sort()).toEqual(GROUP);
    expect((await fb.t.bot.db.activity.findUniqueOrThrow({ where: { id: activity!.id } })).status).toBe('cancelled');
    expect(await fb.t.bot.db.notice.count({ where: { activityId: activity!.id, status: 'planned' } })).toBe(0);
  });
});
