// The monthly reception day (rules R1, R2): materialised for every station on its rule, with
// duty deputies by rotation; a card to them 3 days before (moved off the weekend), the staff
// told, the station's group chat told who is on duty, a reminder at 08:30 on the day; once,
// across restarts and with two instances ticking at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startFlowBot, type FlowBot } from '../helpers/flow-bot.ts';

const run = promisify(execFile);
let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot('2026-11-20T01:30:00Z'); // Friday 2026-11-20 09:30 Shanghai
});
afterEach(() => fb.stop());

const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};
const receptionCards = () => fb.chat.all().filter((m) => m.card?.main_title?.title === '接待选民日');
const receptions = () => fb.t.bot.db.activity.findMany({ where: { kind: 'reception' }, include: { invitees: true, unit: true }, orderBy: { startAt: 'asc' } });

describe('reception days (R1, R2)', () => {
  it('R1: each station gets its first-Tuesday reception as an activity with two deputies on duty (R2)', async () => {
    await tick();
    const days = await receptions();
    const december = days.filter((d) => d.startAt.toISOString() === '2026-12-01T01:00:00.000Z');
    expect(december.map((d) => d.unit.name).sort()).toEqual(['东河镇代表之家', '城关镇人大代表联络站']);
    expect(december.every((d) => d.invitees.length === 2)).toBe(true);
    expect(receptionCards()).toHaveLength(0); // not due yet
  });

  it('R2: the card goes 3 days before — Friday, as Saturday is a day off — staff and the group chat are told, and on the day a reminder at 08:30', async () => {
    const station = await fb.unitId('城关镇人大代表联络站');
    await fb.t.bot.db.unit.update({ where: { id: station }, data: { groupChat: 'cgz01' } });
    await tick();
    fb.clock.set('2026-11-27T01:00:00Z'); // Fri 09:00
    await tick();
    const cards = receptionCards().filter((m) => m.card!.card_action === undefined);
    expect(cards).toHaveLength(2); // one per station
    const [day] = (await receptions()).filter((d) => d.unitId === station && d.startAt.toISOString() === '2026-12-01T01:00:00.000Z');
    const dutyNames = (await fb.t.bot.db.person.findMany({ where: { id: { in: day!.invitees.map((i) => i.personId) } } })).map((p) => p.name);
    const staff = fb.chat.all().find((m) => m.text?.startsWith('城关镇人大代表联络站：'));
    expect(staff?.text).toContain(`值班代表：${dutyNames.join('、')}`);
    expect(staff?.to).toContain('zhaowenhua'); // the station head
    const group = fb.chat.api.calls.find((c) => c.path === '/cgi-bin/appchat/send');
    expect(group?.body.text.content).toMatch(/^【接待选民】城关镇人大代表联络站将于 12月1日（周二）09:00 在城关镇人大代表联络站接待选民，值班代表：/);
    fb.clock.set('2026-12-01T00:30:00Z'); // Tue 08:30
    await fb.restart();
    await tick();
    const reminders = fb.chat.all().filter((m) => m.text?.startsWith('提醒：今天 09:00'));
    expect(reminders).toHaveLength(2);
    await tick();
    expect(receptionCards()).toHaveLength(2);
    expect(fb.chat.all().filter((m) => m.text?.startsWith('提醒：今天 09:00'))).toHaveLength(2);
  });

  it('rule R2: the reception-day line in the station\'s own chat speaks to its deputies, not to voters', async () => {
    const station = await fb.unitId('城关镇人大代表联络站');
    await fb.t.bot.db.unit.update({ where: { id: station }, data: { groupChat: 'cgz01' } });
    await tick();
    fb.clock.set('2026-11-27T01:00:00Z'); // Fri 09:00, when the duty cards go
    await tick();
    const line = fb.chat.api.calls.find((c) => c.path === '/cgi-bin/appchat/send' && c.body.chatid === 'cgz01')?.body.text.content as string;
    expect(line).toMatch(/^【接待选民】城关镇人大代表联络站将于 12月1日（周二）09:00 在城关镇人大代表联络站接待选民，值班代表：\S+。/);
    expect(line).toContain('请值班代表准时到场；也请各位代表告知身边的选民前来反映意见和建议。');
    expect(line).not.toContain('欢迎选民');
  });

  it('two instances ticking at once on the same database create each day once and send each card once', async () => {
    fb.clock.set('2026-11-27T01:00:00Z');
    // The second instance is a process of its own, as in production.
    const other = run(process.execPath, ['--import', 'tsx', 'test/helpers/tick-once.ts'], {
      env: { ...process.env, DATABASE_URL: fb.t.bot.config.databaseUrl, TICK_AT: fb.clock.now().toISOString() },
    });
    await Promise.all([fb.t.bot.workers!.scheduler.runOnce(), other]);
    await fb.t.bot.workers!.scheduler.runOnce();
    await fb.chat.settle();
    const keys = await fb.t.bot.db.activity.findMany({ where: { kind: 'reception' }, select: { sourceKey: true } });
    expect(new Set(keys.map((k) => k.sourceKey)).size).toBe(keys.length);
    const recipients = receptionCards().flatMap((c) => c.to);
    expect(recipients).toHaveLength(new Set(recipients).size);
    expect(receptionCards()).toHaveLength(2);
  }, 30_000);
});

describe('rule R2: the rotation skips deputies on leave that day', () => {
  it('a deputy with approved leave from an activity on the reception day is not put on duty', async () => {
    const station = await fb.unitId('城关镇人大代表联络站');
    const members = await fb.t.bot.db.membership.findMany({ where: { unitId: station }, include: { person: true } });
    const deputies = members.filter((m) => m.person.levels !== '').map((m) => m.personId);
    // Everyone but two of the station's deputies is on approved leave from a meeting on 12-01.
    const meeting = await fb.addActivity('城关镇人大代表联络站', { title: '座谈会', start: '2026-12-01T06:00:00Z' });
    for (const personId of deputies.slice(2)) {
      await fb.t.bot.db.leaveRequest.create({ data: { orgId: fb.t.bot.orgId, activityId: meeting, personId, year: 2026, reason: '出差在外', status: 'approved' } });
    }
    await tick();
    const [day] = (await receptions()).filter((d) => d.unitId === station && d.startAt.toISOString() === '2026-12-01T01:00:00.000Z');
    expect(day!.invitees.map((i) => i.personId).sort()).toEqual(deputies.slice(0, 2).sort());
  });
});
