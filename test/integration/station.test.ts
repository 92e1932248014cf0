// npm run station: reception-day rules (R1) and duty rotation (R2) on a real SQLite database.
// Dates after today come from the real clock, so most checks pin the month with the hidden
// --from option or assert what the rule implies rather than fixed dates.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { todayIn } from '../../src/services/reception/reception-plan-service.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'station-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, ORG_CODE: 'default' };
const CHENGGUAN = '城关镇人大代表联络站';
const DONGHE = '东河镇代表之家';
const DATED_LINE = /^\d{4}-\d{2}-\d{2} 周[一二三四五六日]/;

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs('station', ...args), { env });
    return { code: 0, out: stdout.trim(), err: stderr.trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout.trim(), err: e.stderr.trim() };
  }
}

async function withDb<T>(body: (db: Db) => Promise<T>): Promise<T> {
  const db = await connectDb(env.DATABASE_URL);
  try {
    return await body(db);
  } finally {
    await db.$disconnect();
  }
}

const stationId = (db: Db, name: string) => db.unit.findFirstOrThrow({ where: { name, kind: 'station' } }).then((u) => u.id);

beforeAll(async () => {
  await run(process.execPath, npmRunArgs('roster:import', 'prisma/seed/demo-roster.csv'), { env });
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run station', () => {
  it('R1: preview prints one date per line; the default is the first Tuesday moved to the next working day', async () => {
    const pinned = await cli('preview', CHENGGUAN, '--from', '2026-10', '--months', '3');
    expect(pinned.code).toBe(0);
    // 2026-10-06 falls in the National Day holiday.
    expect(pinned.out.split('\n')).toEqual(['2026-10-08 周四 （原定 2026-10-06 遇节假日顺延）', '2026-11-03 周二', '2026-12-01 周二']);

    const upcoming = await cli('preview', CHENGGUAN);
    const lines = upcoming.out.split('\n');
    expect(lines).toHaveLength(6);
    const dates = lines.map((l) => l.slice(0, 10));
    for (const l of lines) expect(l).toMatch(DATED_LINE);
    for (const l of lines) expect(l.includes('周二') || l.includes('遇节假日顺延')).toBe(true);
    expect(dates[0]! >= todayIn(new Date())).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(new Set(dates.map((d) => d.slice(0, 7))).size).toBe(6);
    expect(await withDb((db) => db.receptionOccurrence.count())).toBe(0); // preview is read-only
  }, 150_000);

  it('R1: changing the rule cancels upcoming planned days only; past ones and their duties stay', async () => {
    const today = todayIn(new Date());
    const { unitId, pastId } = await withDb(async (db) => {
      const unitId = await stationId(db, DONGHE);
      const org = await db.organisation.findFirstOrThrow({ where: { code: 'default' } });
      const past = await db.receptionOccurrence.create({ data: { orgId: org.id, unitId, date: '2020-01-07', month: '2020-01' } });
      const deputy = await db.membership.findFirstOrThrow({ where: { unitId, person: { levels: { not: '' } } } });
      await db.receptionDuty.create({ data: { occurrenceId: past.id, personId: deputy.personId } });
      return { unitId, pastId: past.id };
    });
    expect((await cli('plan', DONGHE, '--months', '3')).code).toBe(0);
    const before = await withDb((db) => db.receptionOccurrence.findMany({ where: { unitId, date: { gt: today } } }));
    expect(before.length).toBeGreaterThan(0);

    const changed = await cli('rule', DONGHE, '--day', '20');
    expect(changed.code).toBe(0);
    const lines = changed.out.split('\n');
    expect(lines[0]).toBe(`${DONGHE}：每月20日，遇节假日顺延至下一个工作日`);
    expect(lines.filter((l) => DATED_LINE.test(l))).toHaveLength(3);

    await withDb(async (db) => {
      const past = await db.receptionOccurrence.findUniqueOrThrow({ where: { id: pastId }, include: { duties: true } });
      expect(past).toMatchObject({ date: '2020-01-07', status: 'planned' });
      expect(past.duties).toHaveLength(1);
      // A first Tuesday (at most moved a few days) is never on or after the 20th.
      for (const old of before) {
        const now = await db.receptionOccurrence.findUniqueOrThrow({ where: { id: old.id }, include: { duties: true } });
        expect(now.status).toBe('cancelled');
        expect(now.duties).toHaveLength(0);
      }
      const planned = await db.receptionOccurrence.findMany({ where: { unitId, status: 'planned', date: { gt: today } }, include: { duties: true } });
      for (const o of planned) {
        expect(Number(o.date.slice(8))).toBeGreaterThanOrEqual(20);
        expect(o.duties).toHaveLength(2);
      }
    });
  }, 150_000);

  it('R2: over a year every deputy is on duty, and nobody twice before everyone once', async () => {
    const plan = await cli('plan', CHENGGUAN, '--from', '2031-01', '--months', '12');
    expect(plan.code).toBe(0);
    expect(plan.out.split('\n')).toHaveLength(12);
    await withDb(async (db) => {
      const unitId = await stationId(db, CHENGGUAN);
      const deputies = await db.membership.findMany({ where: { unitId, person: { levels: { not: '' } } } });
      expect(deputies.length).toBe(7); // 施佳 is staff, not a deputy
      const occurrences = await db.receptionOccurrence.findMany({
        where: { unitId, date: { gte: '2031-01-01', lte: '2031-12-31' } },
        include: { duties: true },
        orderBy: { date: 'asc' },
      });
      expect(occurrences).toHaveLength(12);
      const turns = new Map(deputies.map((d) => [d.personId, 0]));
      for (const o of occurrences) {
        expect(o.duties).toHaveLength(2);
        for (const d of o.duties) turns.set(d.personId, turns.get(d.personId)! + 1);
        // After every reception the turns differ by at most one.
        expect(Math.max(...turns.values()) - Math.min(...turns.values())).toBeLessThanOrEqual(1);
      }
      expect(Math.min(...turns.values())).toBeGreaterThanOrEqual(1);
      expect(turns.size).toBe(7);
    });
    // Planning again adds nothing and changes no duty.
    const again = await cli('plan', CHENGGUAN, '--from', '2031-01', '--months', '12');
    expect(again.out).toBe(plan.out);
  }, 150_000);

  it('R2: the station head overrides one day’s duty deputies', async () => {
    const march = (await cli('preview', CHENGGUAN, '--from', '2031-03', '--months', '1')).out.slice(0, 10);
    const set = await cli('duty', CHENGGUAN, march, '郑丽娟,秦淑珍');
    expect(set).toMatchObject({ code: 0, out: `${march} ${CHENGGUAN}值班代表：郑丽娟、秦淑珍` });
    expect((await cli('preview', CHENGGUAN, '--from', '2031-03', '--months', '1')).out).toMatch(/值班：郑丽娟、秦淑珍$/);
    await withDb(async (db) => {
      const o = await db.receptionOccurrence.findUniqueOrThrow({
        where: { unitId_date: { unitId: await stationId(db, CHENGGUAN), date: march } },
        include: { duties: true },
      });
      expect(o.duties.map((d) => d.source)).toEqual(['override', 'override']);
    });
    expect(await cli('duty', CHENGGUAN, march, '施佳')).toMatchObject({ code: 2, err: `NAME: 「施佳」不是${CHENGGUAN}的代表` });
    expect(await cli('duty', CHENGGUAN, '2031-03-15', '郑丽娟')).toMatchObject({ code: 2, err: `DATE: ${CHENGGUAN}在 2031-03-15 没有安排接待日（先运行 plan）` });
  }, 150_000);

  it('bad arguments get one line each and exit 2; an unknown station lists the stations', async () => {
    const bad = await cli('rule', CHENGGUAN, '--nth', '1', '--weekday', '9', '--on-holiday', 'later');
    expect(bad.code).toBe(2);
    expect(bad.err.split('\n').filter((l) => !/^ *(usage: )?npm run/.test(l))).toEqual([
      '--on-holiday: 应为 next（顺延）、previous（提前）或 keep（照常）',
      '--weekday: 「9」应为 1–7 的整数',
    ]);
    expect(await cli('preview', '第九站')).toMatchObject({ code: 2, err: `STATION: 本组织没有名为「第九站」的联络站；现有：${CHENGGUAN}、${DONGHE}` });
    expect((await cli('preview', CHENGGUAN, '--months', '0')).code).toBe(2);
  }, 150_000);
});
