// Rule R4's working-day calendar: the office's overrides (npm run calendar, as a child process)
// and the one-time warning when a computation guessed a year without holiday data.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../src/domain/time.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { Metrics } from '../../src/lib/metrics.ts';
import { upsertOverride } from '../../src/repositories/calendar-repo.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import { createActivity } from '../../src/services/activity-service.ts';
import { calendarMessages, loadCalendar, warnAssumedYears } from '../../src/services/calendar-service.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addPerson } from '../helpers/seed.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'calendar-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, ORG_CODE: 'default' };

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs('calendar', ...args), { env });
    return { code: 0, out: (stdout + stderr).trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: (e.stdout + e.stderr).trim() };
  }
}

function at(text: string): Date {
  const r = parseLocalDateTime(text);
  if (!r.ok) throw new Error(r.message);
  return r.date;
}

describe('npm run calendar (rule R4)', () => {
  beforeAll(async () => {
    await run(process.execPath, npmRunArgs('roster:import', 'prisma/seed/demo-roster.csv'), { env });
  }, 150_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds, lists and removes overrides; a year without data says so', async () => {
    expect(await cli('add', '2027-01-01', 'holiday', '元旦')).toEqual({ code: 0, out: '已将 2027-01-01 设为放假（元旦），本单位调整。' });
    expect((await cli('add', '2027-02-07', 'workday')).code).toBe(0);
    expect(await cli('list', '2027')).toEqual({
      code: 0,
      out: ['2027-01-01 放假 元旦 本单位调整', '2027-02-07 上班 — 本单位调整', '2027 年没有内置的节假日数据，以上仅为本单位录入的调整。'].join('\n'),
    });
    expect(await cli('remove', '2027-02-07')).toEqual({ code: 0, out: '已删除 2027-02-07 的本单位调整。' });
    expect(await cli('remove', '2027-02-07')).toEqual({ code: 1, out: '2027-02-07 没有本单位调整，无需删除。' });
    // A covered year lists the package's days off on weekdays and make-up workdays, plus overrides.
    await cli('add', '2026-10-10', 'holiday', '本地调整');
    const y2026 = (await cli('list', '2026')).out.split('\n');
    expect(y2026).toContain('2026-10-01 放假 国庆节 法定安排');
    expect(y2026).toContain('2026-09-20 上班 国庆节 法定安排');
    expect(y2026).toContain('2026-10-10 放假 本地调整 本单位调整');
    expect(y2026.at(-1)).toBe('2026 年有内置的节假日数据（法定安排）。');
  }, 150_000);

  it('bad arguments get one line and exit 2', async () => {
    expect(await cli('add', '2027-02-30', 'holiday')).toEqual({ code: 2, out: 'DATE: 2027-02-30 不存在：2027 年 2 月只有 28 天' });
    expect(await cli('add', '2027/01/01', 'holiday')).toMatchObject({ code: 2, out: expect.stringMatching(/^DATE: 「2027\/01\/01」格式不对[^\n]*$/) });
    expect(await cli('add', '2027-01-01', 'rest')).toEqual({ code: 2, out: '类型「rest」不对：只能是 holiday（放假）或 workday（上班）' });
    expect(await cli('list', '27')).toEqual({ code: 2, out: 'YEAR: 「27」不是年份，请写四位数字，如 2027' });
    expect(await cli('list', '2027', '--org', 'nope')).toEqual({ code: 2, out: '--org: 没有代码为「nope」的组织，请先导入名册' });
    expect(await cli('move')).toMatchObject({ code: 2, out: expect.stringMatching(/^usage: npm run calendar[^\n]*$/) });
  }, 150_000);
});

describe('calendar service (rule R4)', () => {
  let t: TestDb;
  let orgId: number;
  const now = at('2027-03-01 10:00');

  beforeEach(async () => {
    t = await createTestDb();
    orgId = (await ensureOrganisation(t.db, 'test-county', '测试县人大常委会')).id;
    const office = { kind: 'office' as const, name: '人大办', role: 'staff' };
    await addPerson(t.db, orgId, { name: '何静', mobile: '13900000201', wecom: 'hejing', isStaff: true, units: [office] });
    await addPerson(t.db, orgId, { name: '吕明', mobile: '13900000202', wecom: 'lvming', isStaff: true, units: [office] });
    await addPerson(t.db, orgId, { name: '赵文华', mobile: '13800000101', wecom: 'zhaowenhua', units: [{ kind: 'group', name: '第一代表小组', role: 'leader' }] });
  });
  afterEach(async () => {
    await t.close();
  });

  const warnings = () => t.db.outbox.findMany({ where: { idempotencyKey: { startsWith: 'calendar-warning|' } } });

  it('an override wins over the package, and makes its year no longer assumed', async () => {
    await upsertOverride(t.db, orgId, { date: '2026-10-01', kind: 'workday', name: '值班' });
    await upsertOverride(t.db, orgId, { date: '2027-01-01', kind: 'holiday', name: '元旦' });
    const calendar = await loadCalendar(t.db, orgId);
    expect(calendar.dayInfo('2026-10-01').value).toEqual({ date: '2026-10-01', working: true, source: 'override', name: '值班' });
    expect(calendar.nextWorkingDay('2026-09-30').value).toBe('2026-10-01');
    expect(calendar.isAssumedYear(2027)).toBe(false);
    // Another organisation's overrides do not leak in.
    const other = (await ensureOrganisation(t.db, 'other')).id;
    expect((await loadCalendar(t.db, other)).isWorkingDay('2026-10-01').value).toBe(false);
  });

  it('warnAssumedYears tells the office staff once per year, even when called twice', async () => {
    const metrics = new Metrics();
    const logged: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void logged.push(line) });
    const deps = { db: t.db, outbound: new Outbound(t.db, { now: () => now }), metrics, logger };
    await warnAssumedYears(deps, orgId, [2027]);
    await warnAssumedYears(deps, orgId, [2027]);
    const rows = await warnings();
    expect(rows.map((r) => r.idempotencyKey)).toEqual([`calendar-warning|${orgId}|2027`]);
    expect(JSON.parse(rows[0]!.payload)).toEqual({ kind: 'text', toUsers: ['hejing', 'lvming'], text: calendarMessages.assumedYear(2027) });
    expect(metrics.read('bot_calendar_assumed_years_total', { year: 2027 })).toBe(1);
    expect(logged.map((l) => JSON.parse(l) as { year: number; level: string })).toMatchObject([{ level: 'warn', year: 2027 }]);
  });

  it('rule A4/R4: publishing an activity in 2027 warns the office once', async () => {
    const input = {
      orgId,
      unit: { name: '第一代表小组' },
      kind: '学习',
      title: '学习代表法',
      startAt: at('2027-03-10 14:30'),
      endAt: at('2027-03-10 17:00'),
      place: '县人大常委会三楼会议室',
      now,
    };
    expect((await createActivity(t.db, input)).ok).toBe(true);
    expect((await createActivity(t.db, { ...input, title: '学习监督法' })).ok).toBe(true);
    const rows = await warnings();
    expect(rows.map((r) => r.idempotencyKey)).toEqual([`calendar-warning|${orgId}|2027`]);
    expect(rows[0]!.payload).toContain('2027 年的节假日安排尚未录入');
  });
});
