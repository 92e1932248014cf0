// Notices end to end (rule A4): planned rows from a published activity, the scheduler tick
// sending cards in batches through the (nock) WeCom API, RSVP clicks, reminders, cancellation,
// restarts mid-batch and the 24-hour catch-up rule. Fixed clock; workers driven by hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WECOM_TRAITS } from '../../src/platforms/wecom/traits.ts';
import { assignBatch, duePlanned } from '../../src/repositories/notice-repo.ts';
import { cancelActivity, createActivity, updateActivity } from '../../src/services/activity-service.ts';
import { startFlowBot, type FlowBot } from '../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot('2026-11-09T02:00:00Z'); // Monday 2026-11-09 10:00 Shanghai
});
afterEach(() => fb.stop());

const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};
// Reception days (R1) become activities too; these tests count only the ones they publish.
const noticeCards = () => fb.chat.all().filter((m) => m.card?.task_id?.startsWith('notice-') && m.card.main_title?.title !== '接待选民日');

async function publish(unit: string, start: string, hours = 2) {
  const startAt = new Date(start);
  const result = await createActivity(fb.t.bot.db, {
    orgId: fb.t.bot.orgId, unit: { name: unit }, kind: '学习', title: '学习代表法', startAt,
    endAt: new Date(startAt.getTime() + hours * 3600_000), place: '县人大会议室', content: '学习代表法第四章', now: fb.clock.now(),
  });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

describe('rule A4: notices go out at the planned time, once', () => {
  it('a group activity two weeks ahead: one card to every member 3 days before at 09:00, never twice', async () => {
    const { activity } = await publish('第一代表小组', '2026-11-23T06:00:00Z'); // Mon 14:00
    await tick();
    expect(noticeCards()).toHaveLength(0); // not due yet
    fb.clock.set('2026-11-20T01:00:00Z'); // Fri 09:00, three days before
    await tick();
    const cards = noticeCards();
    expect(cards).toHaveLength(1);
    expect(cards[0]!.to.sort()).toEqual(['lichunmei', 'qianxiuying', 'sunjianguo', 'wuxiaodong', 'zhaowenhua', 'zhouhaitao']);
    expect(cards[0]!.card).toMatchObject({
      main_title: { title: '学习代表法', desc: '活动通知' },
      button_list: [{ key: `activity.attend:${activity.id}`, text: '参加' }, { key: `leave.start:${activity.id}`, text: '请假' }],
    });
    expect(cards[0]!.card!.horizontal_content_list).toEqual(expect.arrayContaining([{ keyname: '回复', value: '请于11月22日（周日）前回复' }]));
    await tick();
    await fb.restart();
    await tick();
    expect(noticeCards()).toHaveLength(1);
  });

  it('a unit with a group chat also gets one line there (no card in the group)', async () => {
    const unitId = await fb.unitId('城关镇人大代表联络站');
    await fb.t.bot.db.unit.update({ where: { id: unitId }, data: { groupChat: 'unit42' } });
    await publish('城关镇人大代表联络站', '2026-11-24T01:00:00Z');
    fb.clock.set('2026-11-17T01:00:00Z');
    await tick();
    fb.clock.set('2026-11-20T01:00:00Z');
    await tick();
    const lines = fb.chat.api.calls.filter((c) => c.path === '/cgi-bin/appchat/send');
    expect(lines).toHaveLength(1); // once per version of the activity, not per notice
    expect(lines[0]!.body).toMatchObject({ chatid: 'unit42', msgtype: 'text' });
    expect(lines[0]!.body.text.content).toBe('【活动通知】城关镇人大代表联络站将于 11月24日（周二）09:00 在县人大会议室开展“学习代表法”，请各位代表查看单聊中的通知卡片并及时回复。');
  });

  it('published two days ahead: the card goes at once and the publisher is told the rule was not met', async () => {
    const result = await publish('第一代表小组', '2026-11-11T06:00:00Z');
    expect(result.lateNotice).toBe('按规定应至少提前 3 天通知（11月6日前），现在已晚于此时间，通知已立即发出。');
    await tick();
    expect(noticeCards()).toHaveLength(1);
  });

  it('a station activity gets a 1-week card and a 3-day card; the 3-day card shows each person\'s answer', async () => {
    const { activity } = await publish('城关镇人大代表联络站', '2026-11-24T01:00:00Z'); // Tue 09:00
    fb.clock.set('2026-11-17T01:00:00Z');
    await tick();
    const week = noticeCards();
    expect(week).toHaveLength(1);
    expect(week[0]!.card!.main_title.desc).toBe('活动预告（提前一周）');
    const answer = await fb.chat.click('lichunmei', `activity.attend:${activity.id}`, week[0]!.card!.task_id, 'rc-attend');
    expect(answer).toBe('');
    const update = fb.chat.cardUpdates().at(-1)!;
    expect(update).toMatchObject({ response_code: 'rc-attend', userids: ['lichunmei'] });
    expect(update.template_card.horizontal_content_list).toEqual(expect.arrayContaining([{ keyname: '您的回复', value: '参加' }]));
    fb.clock.set('2026-11-20T01:00:00Z'); // Fri: three days before
    await tick();
    const threeDay = noticeCards().slice(1);
    expect(threeDay).toHaveLength(2); // one batch per answer shown on the card
    const forHer = threeDay.find((c) => c.to.includes('lichunmei'))!;
    expect(forHer.to).toEqual(['lichunmei']);
    expect(forHer.card!.horizontal_content_list).toEqual(expect.arrayContaining([{ keyname: '您的回复', value: '参加' }]));
  });

  it('a notice day that falls in the National Day holiday goes out on the last working day before it', async () => {
    fb.clock.set('2026-09-21T02:00:00Z');
    await publish('城关镇人大代表联络站', '2026-10-09T01:00:00Z'); // Fri after the break
    const planned = await fb.t.bot.db.notice.findMany({ where: { kind: { startsWith: 'notice' } }, distinct: ['kind'] });
    expect(planned.map((n) => [n.kind, n.dueAt.toISOString()])).toEqual([['notice:3', '2026-09-30T01:00:00.000Z']]);
    fb.clock.set('2026-09-30T01:00:00Z');
    await tick();
    expect(noticeCards()).toHaveLength(1);
  });

  it('a double click on 参加 records one answer', async () => {
    const { activity } = await publish('第一代表小组', '2026-11-23T06:00:00Z');
    await fb.chat.click('lichunmei', `activity.attend:${activity.id}`, 'notice-z', 'rc-1');
    await fb.chat.click('lichunmei', `activity.attend:${activity.id}`, 'notice-z', 'rc-2');
    expect(await fb.t.bot.db.rsvp.count()).toBe(1);
    // Same person, button and second: WeCom's event key makes the second a redelivery.
    expect(fb.chat.cardUpdates().map((u) => u.response_code)).toEqual(['rc-1']);
  });

  it('the day before, only those who have not answered get a reminder', async () => {
    const { activity } = await publish('第一代表小组', '2026-11-23T06:00:00Z');
    await fb.chat.click('lichunmei', `activity.attend:${activity.id}`, 'notice-x');
    fb.clock.set('2026-11-22T01:00:00Z'); // Sun 09:00
    await tick();
    const reminders = fb.chat.all().filter((m) => m.text?.startsWith('提醒：'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.to).not.toContain('lichunmei');
    expect(reminders[0]!.to).toContain('wuxiaodong');
  });

  it('请假 on the card starts the leave flow for that activity', async () => {
    const { activity } = await publish('第一代表小组', '2026-11-23T06:00:00Z');
    expect(await fb.chat.click('lichunmei', `leave.start:${activity.id}`, 'notice-y')).toContain('为“学习代表法”请假');
  });

  it('cancelling drops pending notices and tells everyone already notified', async () => {
    const { activity } = await publish('城关镇人大代表联络站', '2026-11-24T01:00:00Z');
    fb.clock.set('2026-11-17T01:00:00Z');
    await tick();
    const cancelled = await cancelActivity(fb.t.bot.db, { orgId: fb.t.bot.orgId, id: activity.id, now: fb.clock.now() });
    expect(cancelled.ok).toBe(true);
    await fb.chat.settle();
    const told = fb.chat.all().find((m) => m.text?.includes('已取消'));
    expect(told?.text).toBe('通知：原定 11月24日（周二）09:00 的“学习代表法”已取消，请相互转告。');
    expect(told?.to.sort()).toEqual(noticeCards()[0]!.to.sort());
    fb.clock.set('2026-11-20T01:00:00Z');
    await tick();
    expect(noticeCards()).toHaveLength(1);
    expect(await fb.t.bot.db.notice.count({ where: { activityId: activity.id, status: 'planned' } })).toBe(0);
  });

  it('after the activity the leads get the attendance summary and a draft account (A5)', async () => {
    await publish('第一代表小组', '2026-11-23T06:00:00Z');
    fb.clock.set('2026-11-23T06:10:00Z');
    await fb.chat.say('lichunmei', '签到');
    fb.clock.set('2026-11-23T08:00:00Z');
    await tick();
    const summary = fb.chat.all().find((m) => m.text?.startsWith('“学习代表法”已结束'))!;
    expect(summary.to).toContain('zhaowenhua');
    expect(summary.text).toContain('出席（1）：李春梅');
    expect(summary.text).toContain('五、对“一府两院”的意见建议');
  });
});

describe('batches, restarts and the catch-up rule', () => {
  it('a 1,000-person unit is one or two message/send calls, with no duplicates after a restart mid-batch', async () => {
    const db = fb.t.bot.db;
    const unitId = await fb.unitId('第三代表小组');
    const people = Array.from({ length: 1100 }, (_, i) => ({ orgId: fb.t.bot.orgId, name: `代表${i}`, mobile: `1370000${String(i).padStart(4, '0')}`, levels: '县区' }));
    await db.person.createMany({ data: people });
    const created = await db.person.findMany({ where: { name: { startsWith: '代表' } }, select: { id: true } });
    await db.membership.createMany({ data: created.map((p) => ({ unitId, personId: p.id, role: 'member' })) });
    await db.platformAccount.createMany({ data: created.map((p) => ({ orgId: fb.t.bot.orgId, personId: p.id, channel: 'wecom', platformUserId: `rep${p.id}` })) });
    await publish('第三代表小组', '2026-11-23T06:00:00Z');
    fb.clock.set('2026-11-20T01:00:00Z');
    // A crash after the first batch was formed but before its outbox row was written.
    const due = (await duePlanned(db, fb.clock.now())).filter((n) => n.kind.startsWith('notice'));
    const first = due.slice(0, 1000);
    await assignBatch(db, first.map((n) => n.id), ['notice', first[0]!.activityId, first[0]!.kind, first[0]!.revision, 'none', first[0]!.id].join('|'));
    await fb.restart();
    await tick();
    const sends = noticeCards();
    expect(sends).toHaveLength(2);
    const recipients = sends.flatMap((s) => s.to);
    expect(recipients).toHaveLength(new Set(recipients).size);
    expect(recipients).toHaveLength(1105);
    expect(Math.max(...sends.map((s) => s.to.length))).toBeLessThanOrEqual(1000);
  });

  it('rule A4: a crash after a batch was formed, then a cancellation: after the restart no card of the cancelled activity goes out, and nobody is told of a cancellation they never had a notice for', async () => {
    const { activity } = await publish('第一代表小组', '2026-11-23T06:00:00Z');
    fb.clock.set('2026-11-20T01:00:00Z');
    const due = (await duePlanned(fb.t.bot.db, fb.clock.now())).filter((n) => n.kind.startsWith('notice') && n.activityId === activity.id);
    const batchKey = ['notice', activity.id, due[0]!.kind, due[0]!.revision, 'invited', due[0]!.id].join('|');
    expect(await assignBatch(fb.t.bot.db, due.map((n) => n.id), batchKey)).toBe(6);
    await fb.restart();
    expect(await cancelActivity(fb.t.bot.db, { orgId: fb.t.bot.orgId, id: activity.id, now: fb.clock.now() })).toMatchObject({ ok: true, told: 0 });
    await tick();
    expect(noticeCards()).toEqual([]);
    expect(fb.chat.all().filter((m) => m.text?.includes('已取消'))).toEqual([]);
    expect(await fb.t.bot.db.notice.count({ where: { batchKey, status: 'skipped' } })).toBe(6);
  });

  it('rule A4: a crash after the card was written but before its batch was marked sent, then a cancellation: those people are told', async () => {
    const { activity } = await publish('第一代表小组', '2026-11-23T06:00:00Z');
    fb.clock.set('2026-11-20T01:00:00Z');
    await tick();
    const [card] = noticeCards();
    // The batch as a crash between writing its outbox row and marking it would have left it.
    expect((await fb.t.bot.db.notice.updateMany({ where: { activityId: activity.id, kind: { startsWith: 'notice' }, status: 'sent' }, data: { status: 'queued' } })).count).toBe(6);
    await fb.restart();
    expect(await cancelActivity(fb.t.bot.db, { orgId: fb.t.bot.orgId, id: activity.id, now: fb.clock.now() })).toMatchObject({ ok: true, told: 6 });
    await tick();
    const told = fb.chat.all().filter((m) => m.text?.includes('已取消'));
    expect(told.map((m) => m.to.sort())).toEqual([card!.to.sort()]);
    expect(noticeCards()).toHaveLength(1);
    expect(await fb.t.bot.db.notice.count({ where: { activityId: activity.id, kind: { startsWith: 'notice' }, status: 'sent' } })).toBe(6);
  });

  it('rule A4: an edit after a batch was formed, before a crash: after the restart those people get the card once, showing the activity as it is now', async () => {
    const { activity } = await publish('第一代表小组', '2026-11-23T06:00:00Z');
    fb.clock.set('2026-11-20T01:00:00Z');
    const due = (await duePlanned(fb.t.bot.db, fb.clock.now())).filter((n) => n.kind.startsWith('notice') && n.activityId === activity.id);
    const batchKey = ['notice', activity.id, due[0]!.kind, due[0]!.revision, 'invited', due[0]!.id].join('|');
    await assignBatch(fb.t.bot.db, due.map((n) => n.id), batchKey);
    await fb.restart();
    expect(await updateActivity(fb.t.bot.db, { orgId: fb.t.bot.orgId, id: activity.id, now: fb.clock.now(), changes: { place: '县人大五楼' } })).toMatchObject({ ok: true, told: 0 });
    await tick();
    await tick();
    const cards = noticeCards();
    expect(cards.map((c) => c.to.sort())).toEqual([['lichunmei', 'qianxiuying', 'sunjianguo', 'wuxiaodong', 'zhaowenhua', 'zhouhaitao']]);
    const places = cards.map((c) => (c.card!.horizontal_content_list as { keyname: string; value: string }[]).find((h) => h.keyname === '地点')?.value);
    expect(places).toEqual(['县人大五楼']);
    expect(await fb.t.bot.db.notice.count({ where: { batchKey, status: 'sent' } })).toBe(6);
  });

  it('a unit of 6,000 gets the card in ceil(6,000 / 1,000) message/send calls, every member exactly once', async () => {
    const db = fb.t.bot.db;
    const unitId = await fb.unitId('第三代表小组');
    const people = Array.from({ length: 6000 - (await db.membership.count({ where: { unitId } })) }, (_, i) => ({ orgId: fb.t.bot.orgId, name: `代表${i}`, mobile: `1590000${String(i).padStart(4, '0')}`, levels: '县区' }));
    await db.person.createMany({ data: people });
    const created = await db.person.findMany({ where: { name: { startsWith: '代表' } }, select: { id: true } });
    await db.membership.createMany({ data: created.map((p) => ({ unitId, personId: p.id, role: 'member' })) });
    await db.platformAccount.createMany({ data: created.map((p) => ({ orgId: fb.t.bot.orgId, personId: p.id, channel: 'wecom', platformUserId: `rep${p.id}` })) });
    const members = await db.platformAccount.findMany({ where: { person: { memberships: { some: { unitId } } } }, select: { platformUserId: true } });
    expect(members).toHaveLength(6000);
    await publish('第三代表小组', '2026-11-23T06:00:00Z');
    fb.clock.set('2026-11-20T01:00:00Z'); // the 3-day notice falls due, with the leads' report text
    await tick();
    const sends = noticeCards();
    expect(sends).toHaveLength(Math.ceil(6000 / WECOM_TRAITS.maxRecipients));
    expect(sends.every((s) => s.to.length <= WECOM_TRAITS.maxRecipients)).toBe(true);
    const recipients = sends.flatMap((s) => s.to);
    expect(recipients).toHaveLength(6000);
    expect(new Set(recipients)).toEqual(new Set(members.map((m) => m.platformUserId)));
    await tick();
    expect(noticeCards()).toHaveLength(sends.length); // a second tick sends nothing again
  });

  it('at start-up a notice due within 24 hours is sent; one older is reported, not sent late', async () => {
    await publish('第一代表小组', '2026-11-23T06:00:00Z');
    fb.clock.set('2026-11-21T02:00:00Z'); // 25 hours after the 3-day notice was due
    await tick();
    expect(noticeCards()).toHaveLength(0);
    expect(await fb.t.bot.db.notice.count({ where: { status: 'missed', kind: { startsWith: 'notice' } } })).toBe(6);
    expect(fb.t.bot.metrics.read('bot_notices_missed_total')).toBeGreaterThanOrEqual(6);
    expect(fb.t.logs.join('')).toContain('notices more than 24 h late were not sent');
  });
});
