// 活动 · 日历 through the real HTTP path in local mode (demo county, TEST_NOW 2026-11-23): a
// month of activities and reception days on the organisation's calendar, in Asia/Shanghai,
// with the holidays and make-up days of the statutory data; a leader sees the units they keep
// (rule U2), office staff the organisation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { consoleSignIn } from '../helpers/console.ts';

let t: TestBot;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestBot({ mode: 'local', workers: 'manual' });
  const db = t.bot.db;
  const orgId = t.bot.orgId;
  const unit = (name: string) => db.unit.findFirstOrThrow({ where: { orgId, name } });
  const first = await unit('第一代表小组');
  const second = await unit('第二代表小组');
  const station = await unit('城关镇人大代表联络站');
  const mk = (unitId: number, title: string, startAt: string, status = 'scheduled') =>
    db.activity.create({ data: { orgId, unitId, kind: 'study', title, startAt: new Date(startAt), endAt: new Date(new Date(startAt).getTime() + 7_200_000), place: '会议室', status } });
  // 2026-10-15 23:30 Shanghai is 15:30 UTC: the Shanghai day, not the UTC one, places it.
  ids.first = (await mk(first.id, '第一组学习宪法', '2026-10-15T15:30:00Z')).id;
  ids.second = (await mk(second.id, '第二组视察水利', '2026-10-16T01:00:00Z')).id;
  ids.cancelled = (await mk(first.id, '取消的座谈会', '2026-10-21T02:00:00Z', 'cancelled')).id;
  await db.receptionOccurrence.create({ data: { orgId, unitId: station.id, date: '2026-10-20', month: '2026-10', status: 'planned' } });
  await db.receptionOccurrence.create({ data: { orgId, unitId: station.id, date: '2026-10-27', month: '2026-10', status: 'cancelled' } });
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

/** The <li> of one day in the grid. */
function dayOf(page: string, date: string): string {
  const m = new RegExp(`<li class="([^"]*)" data-date="${date}"[^>]*>([\\s\\S]*?)</li>\\s*(?=<li class="(?:day|pad)|</ol>)`).exec(page);
  if (!m) throw new Error(`no cell for ${date}`);
  return `${m[1]}|${m[2]}`;
}

describe('活动 · 日历', () => {
  it('October 2026: 国庆 days off and the make-up Saturday are marked; activities sit on their Shanghai day and link to their page', async () => {
    const staff = await consoleSignIn(t, 'hejing');
    const res = await staff.go('/console/activities/calendar?month=2026-10');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('活动日历 2026年10月');
    expect(dayOf(page, '2026-10-01')).toMatch(/^day off[^|]*\|[\s\S]*国庆节/);
    expect(dayOf(page, '2026-10-10')).toMatch(/^day makeup[^|]*\|[\s\S]*调休上班/);
    expect(dayOf(page, '2026-10-15')).toContain(`<a href="/console/activities/${ids.first}">23:30 第一组学习宪法</a>`);
    expect(dayOf(page, '2026-10-16')).toContain(`<a href="/console/activities/${ids.second}">09:00 第二组视察水利</a>`);
    expect(dayOf(page, '2026-10-21')).toMatch(/class="cancelled"[\s\S]*取消的座谈会[\s\S]*已取消/);
    expect(dayOf(page, '2026-10-20')).toMatch(/接待选民日[\s\S]*城关镇人大代表联络站/);
    expect(dayOf(page, '2026-10-27')).not.toContain('接待选民日');
    expect(page).toContain('href="/console/activities/calendar?month=2026-09"');
    expect(page).toContain('href="/console/activities/calendar?month=2026-11"');
  });

  it('rule U2: a leader sees only the units they keep', async () => {
    const leader = await consoleSignIn(t, 'zhaowenhua');
    const page = await (await leader.go('/console/activities/calendar?month=2026-10')).text();
    expect(page).toContain('第一组学习宪法');
    expect(page).toContain('接待选民日<small>城关镇人大代表联络站');
    expect(page).not.toContain('第二组视察水利');
    const other = await consoleSignIn(t, 'hanxuesong');
    const theirs = await (await other.go('/console/activities/calendar?month=2026-10')).text();
    expect(theirs).not.toContain('第一组学习宪法');
    expect(theirs).not.toContain('城关镇人大代表联络站</small>');
    expect(theirs).toContain('这个月没有活动');
  });

  it('without a month it shows the bot\'s current month with today marked; a malformed month is one sentence and this month', async () => {
    const staff = await consoleSignIn(t, 'hejing');
    const now = await (await staff.go('/console/activities/calendar')).text();
    expect(now).toContain('活动日历 2026年11月');
    expect(now).toMatch(/data-date="2026-11-23" aria-current="date"/);
    const bad = await staff.go('/console/activities/calendar?month=2026-13');
    expect(bad.status).toBe(200);
    const text = await bad.text();
    expect(text).toContain('月份格式不对');
    expect(text).toContain('活动日历 2026年11月');
  });

  it('a month in a year without holiday data says so (weekends only)', async () => {
    const staff = await consoleSignIn(t, 'hejing');
    const page = await (await staff.go('/console/activities/calendar?month=2031-05')).text();
    expect(page).toContain('2031 年的节假日安排尚未录入');
  });
});
