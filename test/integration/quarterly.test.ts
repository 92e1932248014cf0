// Quarterly reminders (rules A2, A3, A5) end to end: the scheduler tick on the 10th, the 15th
// and the quarter's last day of December 2026, through the outbox to the (nock) WeCom API; and
// a bot that was stopped over the day catching up after a restart while the reminder still
// holds, or reporting it missed after that.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Outbound } from '../../src/services/outbound.ts';
import { sendQuarterlyReminders } from '../../src/services/quarterly/quarterly-reminders.ts';
import { QUIET_POLICY, startFlowBot, type FlowBot } from '../helpers/flow-bot.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot('2026-12-10T01:30:00Z'); // Thursday 10 Dec 09:30 Shanghai
});
afterEach(() => fb.stop());

const tick = async () => {
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};
// Rule IDs are never shown to users: each reminder is recognised by its words.
const MARKERS: Record<string, string> = { A2: '还没有开展集体活动', A5: '集体活动登记表报送' };
const quarterly = (rule: string) => fb.chat.all().filter((m) => m.text?.includes(MARKERS[rule]!));

describe('rule A2: on the 10th, groups with no collective activity this quarter are reminded', () => {
  it('leaders of groups without an activity get one reminder; a group with one gets none; never twice', async () => {
    await fb.addActivity('第二代表小组', { title: '学习代表法', start: '2026-11-05T02:00:00Z' });
    const cancelled = await fb.addActivity('第三代表小组', { title: '视察', start: '2026-11-06T02:00:00Z' });
    await fb.t.bot.db.activity.update({ where: { id: cancelled }, data: { status: 'cancelled' } });
    await fb.addActivity('第三代表小组', { title: '下周调研', start: '2026-12-14T02:00:00Z' }); // not held yet
    await tick();
    // Two groups' leaders, two calls in flight at once: they may arrive in either order.
    const sent = quarterly('A2');
    expect(Object.fromEntries(sent.map((s) => [s.text, s.to.sort()]))).toEqual({
      '第一代表小组本季度（2026年第四季度）还没有开展集体活动，按规定每季度至少 1 次，请尽快安排。': ['qianxiuying', 'zhaowenhua'],
      '第三代表小组本季度（2026年第四季度）还没有开展集体活动，按规定每季度至少 1 次，请尽快安排。': ['hanxuesong', 'yanghuimin'],
    });

    // Another tick, a direct second run, a restart: nothing new.
    fb.clock.set('2026-12-10T03:00:00Z');
    await tick();
    expect(await sendQuarterlyReminders({ db: fb.t.bot.db, clock: fb.clock, outbound: new Outbound(fb.t.bot.db, fb.clock) })).toBe(0);
    await fb.restart();
    await tick();
    expect(quarterly('A2')).toHaveLength(2);
  });

  it('before 09:00 nothing is sent, nor on another day of the quarter', async () => {
    fb.clock.set('2026-12-05T02:00:00Z');
    await tick();
    fb.clock.set('2026-12-10T00:30:00Z'); // 08:30
    await tick();
    expect(quarterly('A2')).toHaveLength(0);
  });
});

describe('rule A5: the 15th has no separate form reminder (the quarterly form chases only the unconfirmed)', () => {
  it('rule A5: no quarterly form_due text on the 15th; a form_due row planned before the change is finished without a message', async () => {
    await fb.t.bot.db.scheduledRun.create({ data: { orgId: fb.t.bot.orgId, job: 'quarterly:form_due', period: '2026Q4', dueAt: new Date('2026-12-15T01:00:00Z'), expiresAt: new Date('2026-12-19T16:00:00Z') } });
    fb.clock.set('2026-12-15T01:00:00Z'); // 09:00 Shanghai
    await tick();
    expect(quarterly('A5')).toHaveLength(0);
    expect(fb.chat.all().filter((m) => m.text?.includes('前将本季度'))).toHaveLength(0);
    expect((await runs()).find((r) => r.job === 'quarterly:form_due')).toMatchObject({ status: 'done' });
    expect(fb.t.bot.metrics.read('bot_reminders_missed_total', { job: 'quarterly:form_due' })).toBe(0);
  });
});

describe('rules A2, A3: on the quarter\'s last day office staff get the units below their minimums', () => {
  it('one list per organisation to the office staff, once', async () => {
    const station = '城关镇人大代表联络站';
    for (const [i, start] of ['2026-10-13', '2026-11-03', '2026-12-01', '2026-02-03', '2026-03-03', '2026-04-07', '2026-05-05', '2026-06-02', '2026-07-07', '2026-08-04'].entries())
      await fb.addActivity(station, { title: `接待选民${i}`, start: `${start}T01:00:00Z` });
    for (const kind of ['inspection', 'research', 'study'] as const) {
      const id = await fb.addActivity('第一代表小组', { title: kind, start: '2026-11-05T02:00:00Z' });
      await fb.t.bot.db.activity.update({ where: { id }, data: { kind } });
    }
    const cancelled = await fb.addActivity('第二代表小组', { title: '学习代表法', start: '2026-11-05T02:00:00Z' });
    await fb.t.bot.db.activity.update({ where: { id: cancelled }, data: { status: 'cancelled' } });
    fb.clock.set('2026-12-31T02:00:00Z'); // 10:00 Shanghai
    await tick();
    const lists = fb.chat.all().filter((m) => m.text?.startsWith('2026年第四季度活动次数未达到规定'));
    expect(lists).toHaveLength(1);
    // shijia is office staff too (her first roster row lists no group or station, rule U4)
    expect(lists[0]!.to.sort()).toEqual(['hejing', 'lvming', 'shijia']);
    const lines = lists[0]!.text!.split('\n');
    expect(lines).not.toContain(expect.stringContaining('第一代表小组'));
    expect(lines.some((l) => l.startsWith(`· ${station}`))).toBe(false);
    expect(lines).toContain('· 第二代表小组：本季度集体活动 0 次（每季度至少 1 次）；本年度视察、调研 0 次（每年至少 2 次）；本年度集中学习 0 次（每年至少 1 次）');
    expect(lines.find((l) => l.startsWith('· 东河镇代表之家'))).toMatch(/10月活动 0 次（每月至少 1 次）.*本年度活动 \d+ 次（每年至少 10 次）/);
    expect(lines.join('\n')).not.toMatch(/规则|[AR]\d/);
    await fb.restart();
    await tick();
    expect(fb.chat.all().filter((m) => m.text?.startsWith('2026年第四季度活动次数'))).toHaveLength(1);
  });

  it('rules A2, A3: a larger group, a deputies\' home and the policy\'s own numbers are told apart', async () => {
    const db = fb.t.bot.db;
    const { setDeputiesHome, setLargerGroup } = await import('../../src/services/units/unit-structure-service.ts');
    await setLargerGroup(db, fb.t.bot.orgId, '第一代表小组', '城关片区大组', true);
    await setDeputiesHome(db, fb.t.bot.orgId, '东河镇代表之家', true);
    await db.organisation.update({ where: { id: fb.t.bot.orgId }, data: { policy: JSON.stringify({ ...QUIET_POLICY, homeActivitiesPerYear: 3 }) } });
    // The home held three activities this year, one this quarter, which 3 of its 9 members attended.
    for (const start of ['2026-03-03', '2026-06-02']) await fb.addActivity('东河镇代表之家', { title: `学习${start}`, start: `${start}T01:00:00Z` });
    const q4 = await fb.addActivity('东河镇代表之家', { title: '视察敬老院', start: '2026-11-03T01:00:00Z' });
    const invitees = (await db.activityInvitee.findMany({ where: { activityId: q4 }, orderBy: { personId: 'asc' } })).map((i) => i.personId);
    for (const personId of invitees.slice(0, 3)) await db.attendance.create({ data: { orgId: fb.t.bot.orgId, activityId: q4, personId, status: 'present' } });
    fb.clock.set('2026-12-31T02:00:00Z');
    await tick();
    const lines = fb.chat.all().find((m) => m.text?.startsWith('2026年第四季度活动次数未达到规定'))!.text!.split('\n');
    expect(lines).toContain('· 城关片区大组：本半年代表大组活动 0 次（每半年至少 1 次）');
    expect(lines).toContain(`· 东河镇代表之家：本季度代表参与率 ${Math.floor(300 / invitees.length)}%（不低于 90%）`);
    // As a home it needs 3 a year here (it has them), not a station's 10 nor one each month.
    expect(lines.find((l) => l.startsWith('· 东河镇代表之家'))).not.toMatch(/月活动|本年度活动/);
  });
});

const run = promisify(execFile);
const runs = () => fb.t.bot.db.scheduledRun.findMany({ orderBy: [{ dueAt: 'asc' }] });

describe('rules A2, A3, A5: a bot stopped over a reminder\'s day catches it up after a restart', () => {
  it('rule A2: down over the whole 10th, back on the 11th: the reminder goes out then, once', async () => {
    fb.clock.set('2026-12-09T02:00:00Z'); // Wednesday 9 Dec, 10:00: running, nothing due
    await tick();
    expect(quarterly('A2')).toHaveLength(0);
    fb.clock.set('2026-12-11T02:00:00Z'); // stopped from the 9th until Friday the 11th, 10:00
    await fb.restart();
    await tick();
    // Three leaders, three calls in flight at once: they may arrive in any order.
    expect(quarterly('A2').map((s) => s.text).sort()).toEqual([
      '第一代表小组本季度（2026年第四季度）还没有开展集体活动，按规定每季度至少 1 次，请尽快安排。',
      '第二代表小组本季度（2026年第四季度）还没有开展集体活动，按规定每季度至少 1 次，请尽快安排。',
      '第三代表小组本季度（2026年第四季度）还没有开展集体活动，按规定每季度至少 1 次，请尽快安排。',
    ].sort());
    await fb.restart();
    await tick();
    expect(quarterly('A2')).toHaveLength(3);
    expect((await runs()).find((r) => r.job === 'quarterly:no_activity_yet' && r.period === '2026Q4')).toMatchObject({ status: 'done' });
  });

  it('rule A2: a no-activity reminder found after its quarter ended is not sent late; it is logged and counted', async () => {
    fb.clock.set('2026-12-09T02:00:00Z');
    await tick();
    fb.clock.set('2027-01-01T02:00:00Z'); // down from the 9th until the new year
    await fb.restart();
    await tick();
    expect(fb.chat.all().filter((m) => m.text?.includes('还没有开展集体活动'))).toHaveLength(0);
    expect((await runs()).find((r) => r.job === 'quarterly:no_activity_yet' && r.period === '2026Q4')).toMatchObject({ status: 'missed' });
    expect(fb.t.bot.metrics.read('bot_reminders_missed_total', { job: 'quarterly:no_activity_yet' })).toBe(1);
    expect(fb.t.logs.join('')).toContain('quarterly reminder not sent in its window');
  });

  it('rules A2, A3: down over the 31st, back on 2 January: the office still gets the fourth quarter\'s list', async () => {
    fb.clock.set('2026-12-30T02:00:00Z');
    await tick();
    fb.clock.set('2027-01-02T02:00:00Z');
    await fb.restart();
    await tick();
    const lists = fb.chat.all().filter((m) => m.text?.startsWith('2026年第四季度活动次数未达到规定'));
    expect(lists).toHaveLength(1);
    expect(lists[0]!.text).toContain('· 第一代表小组：本季度集体活动 0 次');
  });

  it('two instances catching up at once send each reminder once', async () => {
    fb.clock.set('2026-12-09T02:00:00Z');
    await tick();
    fb.clock.set('2026-12-11T02:00:00Z');
    await fb.restart();
    const other = run(process.execPath, ['--import', 'tsx', 'test/helpers/tick-once.ts'], {
      env: { ...process.env, DATABASE_URL: fb.t.bot.config.databaseUrl, TICK_AT: fb.clock.now().toISOString() },
    });
    await Promise.all([fb.t.bot.workers!.scheduler.runOnce(), other]);
    await tick();
    expect(quarterly('A2')).toHaveLength(3);
  }, 30_000);
});
