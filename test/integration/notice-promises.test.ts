// What notices promise is true (issue 9 §1), end to end through encrypted callbacks and the
// (nock) WeCom API: no deadline already past is shown; the committee report day follows the
// unit's committeeReportDays on the working-day calendar (rule A4); an edit sends again only
// what it changed, and the change card says what changed and shows each person's state (A6,
// L5); the leave summary counts leaves only for activities that count (L2). Fixed clock.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import { sendDueNotices } from '../../src/services/notices/send-due-notices.ts';
import { startFlowBot, type FlowBot } from '../helpers/flow-bot.ts';

let fb: FlowBot;
afterEach(() => fb.stop());

const say = (user: string, text: string) => fb.chat.say(user, text);
// Only the notice sender: reception days (R1) stay out of these counts.
const tick = async () => {
  await sendDueNotices({ db: fb.t.bot.db, clock: fb.clock, outbound: fb.t.bot.workers!.outbound, logger: createLogger('silent') });
  await fb.chat.settle();
};
const texts = () => fb.chat.all().filter((m) => m.text).map((m) => m.text!);
const committeeTexts = () => fb.chat.all().filter((m) => m.text?.includes('的时间、地点和内容')).map((m) => m.text!);
const noticeCards = () => fb.chat.all().filter((m) => String(m.card?.task_id).startsWith('notice-'));
const changeCards = () => fb.chat.all().filter((m) => String(m.card?.task_id).startsWith('update-'));
const field = (card: Record<string, any>, key: string) =>
  (card.horizontal_content_list as { keyname: string; value: string }[] | undefined)?.find((f) => f.keyname === key)?.value;
const buttons = (card: Record<string, any>) => (card.button_list as { text: string }[]).map((b) => b.text);

/** Publishes for 第一代表小组 through the dialog as 赵文华; returns the last answer. */
async function publishByChat(start: string, end: string, place = '县人大三楼') {
  await say('zhaowenhua', '发布活动');
  await say('zhaowenhua', '1');
  await say('zhaowenhua', '学习');
  await say('zhaowenhua', '学习代表法');
  await say('zhaowenhua', start);
  await say('zhaowenhua', end);
  await say('zhaowenhua', place);
  await say('zhaowenhua', '无');
  await say('zhaowenhua', '全体');
  return say('zhaowenhua', '是');
}

async function editByChat(field: string, ...values: string[]) {
  await say('zhaowenhua', '修改活动');
  await say('zhaowenhua', field);
  for (const v of values) await say('zhaowenhua', v);
  return say('zhaowenhua', '是');
}

describe('issue 9 §1: dates and promises that are true', () => {
  it('rule A4: published at 21:36 for 22:00 the same day — the card says 请尽快回复 and the leader 请尽快…报告, no past date', async () => {
    fb = await startFlowBot('2026-11-30T13:36:00Z'); // Monday 21:36 Shanghai
    expect(await publishByChat('今晚10点', '23:00')).toContain('通知已立即发出');
    await tick();
    const card = noticeCards().find((c) => c.to.includes('lichunmei'))!.card!;
    expect(field(card, '回复')).toBe('请尽快回复');
    expect(committeeTexts()).toEqual(['请尽快向县人大常委会代表联络工委报告第一代表小组“学习代表法”（11月30日（周一）22:00）的时间、地点和内容。']);
    // Nothing the invitees or the leads were sent names a day before today (the publisher's
    // own answer says which day the rule wanted, as past: that is the point of it).
    const everything = JSON.stringify(fb.chat.all().filter((m) => m.card || m.text === committeeTexts()[0]));
    for (const past of ['11月26日', '11月27日', '11月28日', '11月29日']) expect(everything).not.toContain(past);
  });

  it('rule A4: the committee reminder follows the unit\'s committeeReportDays counted in working days (3 → Wednesday before a Monday)', async () => {
    fb = await startFlowBot(); // Monday 2026-11-23 10:00
    await fb.t.bot.db.unit.update({ where: { id: await fb.unitId('第一代表小组') }, data: { policy: '{"committeeReportDays":3}' } });
    await publishByChat('12月7日下午2点30', '16:30'); // Monday 12-07
    const planned = await fb.t.bot.db.notice.findFirstOrThrow({ where: { kind: 'committee' } });
    expect(planned.dueAt.toISOString()).toBe('2026-12-02T01:00:00.000Z'); // Wed 09:00: Fri, Thu, Wed
    fb.clock.set('2026-12-01T01:00:00Z');
    await tick();
    expect(committeeTexts()).toEqual([]);
    fb.clock.set('2026-12-02T01:00:00Z');
    await tick();
    expect(committeeTexts()).toEqual(['请于今天（12月2日（周三））向县人大常委会代表联络工委报告第一代表小组“学习代表法”（12月7日（周一）14:30）的时间、地点和内容。']);
  });

  it('rule A4: editing only the place does not repeat the committee reminder; editing the time does, with the new time', async () => {
    fb = await startFlowBot(); // Monday 2026-11-23 10:00
    await publishByChat('周三上午9点', '11:00'); // late: the card and the committee reminder go at once
    await tick();
    expect(committeeTexts()).toHaveLength(1);
    expect(noticeCards()).toHaveLength(1);
    // The same place again changes nothing and tells nobody.
    expect(await editByChat('地点', '县人大三楼')).toBe('“学习代表法”的地点和原来一样，没有修改，也没有发送变更通知。');
    expect(changeCards()).toEqual([]);
    expect(await editByChat('地点', '县人大五楼')).toBe('已修改“学习代表法”的地点。已向已收到通知的 6 人发送变更通知。');
    await tick();
    expect(committeeTexts()).toHaveLength(1);
    expect(noticeCards()).toHaveLength(1); // the change card tells them; no second notice
    expect(changeCards().map((c) => c.card!.sub_title_text)).toEqual(['地点：县人大三楼 → 县人大五楼']);
    await editByChat('时间', '周四上午9点', '11:00');
    await tick(); // the new report day (Tue 11-24) is ahead: nothing yet
    expect(committeeTexts()).toHaveLength(1);
    fb.clock.set('2026-11-24T01:00:00Z');
    await tick();
    expect(committeeTexts()).toHaveLength(2);
    expect(committeeTexts()[1]).toBe('请于今天（11月24日（周二））向县人大常委会代表联络工委报告第一代表小组“学习代表法”（11月26日（周四）09:00）的时间、地点和内容。');
    expect(changeCards().at(-1)!.card!.sub_title_text).toBe('时间：11月25日（周三）09:00–11:00 → 11月26日（周四）09:00–11:00');
    expect(noticeCards()).toHaveLength(1);
  });

  it('rule L5: the change card shows each person\'s own state — approved leave sees 撤回请假, not 参加/请假', async () => {
    fb = await startFlowBot();
    await publishByChat('周三上午9点', '11:00');
    await tick();
    const activityId = (await fb.t.bot.db.activity.findFirstOrThrow()).id;
    await say('lichunmei', '请假');
    await say('lichunmei', '到市里参加培训，无法参加');
    await say('lichunmei', '是');
    const leaveId = (await fb.t.bot.db.leaveRequest.findFirstOrThrow()).id;
    await fb.chat.click('zhaowenhua', `leave.approve:${leaveId}`, `leave-${leaveId}`);
    await fb.chat.click('wuxiaodong', `activity.attend:${activityId}`, noticeCards()[0]!.card!.task_id);
    await editByChat('地点', '县人大五楼');
    const cards = changeCards();
    expect(cards.every((c) => c.card!.sub_title_text === '地点：县人大三楼 → 县人大五楼')).toBe(true);
    expect(new Set(cards.map((c) => c.card!.task_id)).size).toBe(cards.length);
    const to = (user: string) => cards.find((c) => c.to.includes(user))!.card!;
    expect(buttons(to('lichunmei'))).toEqual(['撤回请假']);
    expect(to('lichunmei').button_list[0].key).toBe(`leave.withdraw:${activityId}`);
    expect(field(to('lichunmei'), '您的回复')).toBe('请假（已批准）');
    expect(buttons(to('wuxiaodong'))).toEqual(['参加', '请假']);
    expect(field(to('wuxiaodong'), '您的回复')).toBe('参加');
    expect(buttons(to('zhouhaitao'))).toEqual(['参加', '请假']);
    expect(field(to('zhouhaitao'), '回复')).toBe('请于11月24日（周二）前回复');
    expect(cards.find((c) => c.to.includes('lichunmei'))!.to).toEqual(['lichunmei']);
  });

  it('rule L2: the leave summary of a station activity does not promise a remaining count; a group activity\'s does', async () => {
    fb = await startFlowBot();
    await fb.addActivity('城关镇人大代表联络站', { title: '走访选民', start: '2026-11-27T06:00:00Z' });
    await say('lichunmei', '请假');
    const summary = await say('lichunmei', '到市里参加培训，无法参加');
    expect(summary).toContain('这次活动的请假不计入每年的请假次数。');
    expect(summary).not.toContain('还可请假');
    await say('lichunmei', '是');
    const card = fb.chat.cardsTo('sunjianguo').at(-1)!.card!;
    expect(card.emphasis_content).toEqual({ title: '0次', desc: '本年度已请假（本次不计入）' });
    expect(texts().join('\n')).not.toContain('还可请假');
  });
});
