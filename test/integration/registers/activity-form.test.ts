// Rule A5, the quarterly 代表小组集体活动登记表 end to end: the scheduler tick drafts each group's
// form on the policy's draft day (the 10th) and sends its leaders a card and the draft file; a
// leader's click on 确认无误 (through the real callback path) sends it to the supervising body's
// staff at once; unconfirmed forms are chased on the 15th and the 19th and named to the staff on
// the 20th; a restart, a second tick or a bot that was down sends nothing twice.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot('2026-12-10T01:30:00Z'); // Thursday 10 Dec 09:30 Shanghai
  await fb.addActivity('第一代表小组', { title: '学习代表法', start: '2026-11-05T02:00:00Z' });
  await fb.addActivity('第一代表小组', { title: '下周调研', start: '2026-12-14T02:00:00Z' }); // not held yet on the 10th
});
afterEach(() => fb.stop());

const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};
const formCards = (user: string) => fb.chat.cardsTo(user).filter((c) => String(c.card!.main_title?.title).endsWith('集体活动登记表'));
const button = (user: string) => {
  const card = formCards(user).at(-1)!;
  return { key: card.card!.button_list[0].key as string, taskId: card.card!.task_id as string };
};
const filesTo = (user: string) => fb.chat.all().filter((m) => m.msgtype === 'file' && m.to.includes(user));
const textsTo = (user: string, part: string) => fb.chat.all().filter((m) => m.to.includes(user) && m.text?.includes(part)).map((m) => m.text);
const forms = () => fb.t.bot.db.activityForm.findMany({ orderBy: { unitId: 'asc' } });
const runs = () => fb.t.bot.db.scheduledRun.findMany({ where: { job: { startsWith: 'activity-form:' } }, orderBy: { id: 'asc' } });

describe('rule A5: the quarterly form is drafted on the 10th and confirmed by a group leader', () => {
  it('rule A5: on the 10th each group gets one draft, its leaders a card and the draft file; never twice', async () => {
    await tick();
    expect((await forms()).map((f) => [f.quarter, f.status, f.activityCount])).toEqual([['2026Q4', 'awaiting', 1], ['2026Q4', 'awaiting', 0], ['2026Q4', 'awaiting', 0]]);
    const card = formCards('zhaowenhua')[0]!;
    expect(card.to.sort()).toEqual(['qianxiuying', 'zhaowenhua']);
    expect(card.card!.main_title).toEqual({ title: '第一代表小组2026年第四季度集体活动登记表', desc: '请核对本季度集体活动，无误后点“确认无误”' });
    expect(card.card!.emphasis_content).toEqual({ title: '1次', desc: '截至12月10日的集体活动' });
    expect(card.card!.sub_title_text).toBe('11-05 学习：学习代表法');
    expect(card.card!.horizontal_content_list).toEqual([{ keyname: '报送期限', value: '12月20日（周日）前' }, { keyname: '报送单位', value: '县人大常委会代表联络工委' }, { keyname: '如有出入', value: '先用“修改活动”“填写纪要”更正' }]);
    expect(formCards('hanxuesong')[0]!.card!.sub_title_text).toBe('本季度还没有集体活动记录。');
    // The draft as a file, built by the export worker off the tick.
    expect(textsTo('zhaowenhua', '草稿')).toEqual(['第一代表小组2026年第四季度集体活动登记表（草稿，请核对后在卡片上确认）：活动登记表 1 行。文件如下。']);
    expect(filesTo('zhaowenhua')).toHaveLength(1);
    expect(filesTo('hejing')).toHaveLength(0); // not the staff: nothing is confirmed yet

    fb.clock.set('2026-12-10T05:00:00Z');
    await tick();
    await fb.restart();
    await tick();
    expect(formCards('zhaowenhua')).toHaveLength(1);
    expect(filesTo('zhaowenhua')).toHaveLength(1);
    expect(await fb.t.bot.db.activityForm.count()).toBe(3);
    expect((await runs()).find((r) => r.job === 'activity-form:draft' && r.period === '2026Q4')).toMatchObject({ status: 'done' });
  });

  it('rule A5: a leader\'s click confirms it and the staff get the file at once; a second click, the vice leader\'s too, is told it is done', async () => {
    await tick();
    await fb.chat.privateAnswersTo('zhaowenhua'); // the draft's lines, read
    const { key, taskId } = button('zhaowenhua');
    fb.clock.set('2026-12-11T02:00:00Z');
    expect(await fb.chat.click('zhaowenhua', key, taskId, 'rc-zhao')).toBe('已确认，第一代表小组2026年第四季度集体活动登记表即发给县人大常委会代表联络工委的工作人员。');
    expect(await forms().then((f) => f[0])).toMatchObject({ status: 'confirmed', confirmedById: await fb.personId('zhaowenhua') });
    for (const staff of ['hejing', 'lvming', 'shijia']) {
      expect(textsTo(staff, '集体活动登记表')).toEqual(['第一代表小组2026年第四季度集体活动登记表（已由赵文华于12月11日（周五）10:00确认）：活动登记表 1 行。文件如下。']);
      expect(filesTo(staff)).toHaveLength(1);
    }
    // The clicked card shows who confirmed it instead of its button.
    const settle = fb.chat.api.calls.find((c) => c.path === '/cgi-bin/message/update_template_card');
    expect(settle!.body).toMatchObject({ userids: ['zhaowenhua'], response_code: 'rc-zhao', button: { replace_name: '已确认（赵文华）' } });

    expect(await fb.chat.click('qianxiuying', key, taskId)).toBe('第一代表小组2026年第四季度集体活动登记表已由赵文华于12月11日（周五）10:00确认并报送，不需要再确认。');
    fb.clock.set('2026-12-11T02:05:00Z'); // a later click, not WeCom's retry of the first
    expect(await fb.chat.click('zhaowenhua', key, taskId)).toContain('不需要再确认');
    expect(filesTo('hejing')).toHaveLength(1);
  });

  it('rule A5: a click by someone who is not the group\'s leader is answered in one sentence and changes nothing', async () => {
    await tick();
    const { key, taskId } = button('zhaowenhua');
    expect(await fb.chat.click('lichunmei', key, taskId)).toBe('第一代表小组2026年第四季度集体活动登记表由该组组长确认，请找赵文华、钱秀英。');
    expect(await fb.chat.click('hanxuesong', key, taskId)).toBe('第一代表小组2026年第四季度集体活动登记表由该组组长确认，请找赵文华、钱秀英。');
    expect((await forms())[0]!.status).toBe('awaiting');
    expect(filesTo('hejing')).toHaveLength(0);
  });
});

describe('rule A5: unconfirmed forms are chased until confirmed, and the staff hear which are missing', () => {
  it('rule A5: the 15th and the 19th chase only the groups that have not confirmed; the 20th names the missing ones to the staff', async () => {
    await tick();
    await fb.chat.click('zhaowenhua', button('zhaowenhua').key, button('zhaowenhua').taskId);
    fb.clock.set('2026-12-15T01:00:00Z'); // 09:00 Shanghai
    await tick();
    expect(textsTo('zhaowenhua', '还没有确认')).toEqual([]);
    expect(textsTo('wangguoqiang', '还没有确认')).toEqual(['第二代表小组2026年第四季度集体活动登记表还没有确认，须在12月20日（周日）前报送县人大常委会代表联络工委。请核对后点卡片上的“确认无误”。']);
    expect(formCards('wangguoqiang')).toHaveLength(2);
    expect(formCards('zhaowenhua')).toHaveLength(1);

    fb.clock.set('2026-12-16T02:00:00Z');
    expect(await fb.chat.click('fengyulan', button('wangguoqiang').key, button('wangguoqiang').taskId)).toContain('已确认');
    fb.clock.set('2026-12-19T01:00:00Z');
    await tick();
    expect(textsTo('wangguoqiang', '还没有确认')).toHaveLength(1); // stopped once confirmed
    expect(textsTo('hanxuesong', '明天')).toEqual(['第三代表小组2026年第四季度集体活动登记表还没有确认，明天（12月20日（周日））就到报送期限。请今天核对后点卡片上的“确认无误”，确认后即报送县人大常委会代表联络工委。']);

    fb.clock.set('2026-12-20T01:00:00Z');
    await tick();
    expect(textsTo('hejing', '还没有经组长确认')).toEqual(['以下代表小组的2026年第四季度集体活动登记表到12月20日（周日）还没有经组长确认，组长确认后即发给您：\n第三代表小组（组长：韩雪松、杨慧敏）']);
    expect(textsTo('hanxuesong', '已过报送期限')).toHaveLength(1);
    // Confirmed late, it still goes to the staff at once.
    fb.clock.set('2026-12-21T02:00:00Z');
    expect(await fb.chat.click('hanxuesong', button('hanxuesong').key, button('hanxuesong').taskId)).toContain('已确认');
    expect(filesTo('hejing')).toHaveLength(3);
    expect((await runs()).filter((r) => r.period === '2026Q4').map((r) => [r.job, r.status])).toEqual([
      ['activity-form:draft', 'done'], ['activity-form:chase', 'done'], ['activity-form:last_call', 'done'], ['activity-form:overdue', 'done'],
    ]);
  });

  it('rule A5: down over the 15th, back on the 17th: the chase is caught up once; down until the 20th: the chases are reported missed', async () => {
    await tick();
    fb.clock.set('2026-12-14T02:00:00Z');
    await tick();
    fb.clock.set('2026-12-17T02:00:00Z');
    await fb.restart();
    await tick();
    await fb.restart();
    await tick();
    expect(textsTo('zhaowenhua', '还没有确认，须在')).toHaveLength(1);

    fb.clock.set('2026-12-20T02:00:00Z'); // down over the 19th too
    await fb.restart();
    await tick();
    expect(textsTo('zhaowenhua', '明天')).toHaveLength(0);
    expect((await runs()).find((r) => r.job === 'activity-form:last_call')).toMatchObject({ status: 'missed', period: '2026Q4' });
    expect(fb.t.bot.metrics.read('bot_reminders_missed_total', { job: 'activity-form:last_call' })).toBe(1);
    expect(textsTo('hejing', '还没有经组长确认')).toHaveLength(1);
  });

  it('rule A5: a bot first started after the 10th still drafts the forms, and does not chase what it just drafted', async () => {
    fb.clock.set('2026-12-16T02:00:00Z');
    await fb.restart();
    await tick();
    expect(formCards('zhaowenhua')).toHaveLength(1);
    expect(formCards('zhaowenhua')[0]!.card!.emphasis_content.title).toBe('2次');
    expect(textsTo('zhaowenhua', '还没有确认')).toHaveLength(0);
  });

  it('rule A5: two instances drafting at once draft each form once and send each card and file once', async () => {
    const other = promisify(execFile)(process.execPath, ['--import', 'tsx', 'test/helpers/tick-once.ts'], {
      env: { ...process.env, DATABASE_URL: fb.t.bot.config.databaseUrl, TICK_AT: fb.clock.now().toISOString() },
    });
    await Promise.all([fb.t.bot.workers!.scheduler.runOnce(), other]);
    await tick();
    expect(await fb.t.bot.db.activityForm.count()).toBe(3);
    expect(await fb.t.bot.db.exportRequest.count({ where: { sourceKey: { endsWith: '|draft-file' } } })).toBe(3);
    expect(formCards('zhaowenhua')).toHaveLength(1);
    expect(formCards('hanxuesong')).toHaveLength(1);
    expect(filesTo('zhaowenhua')).toHaveLength(1);
  }, 30_000);
});
