// npm run policy -- show | set KEY VALUE | reset KEY: the organisation's numbers, one line per
// setting; a bad value is one line and exit 1 and changes nothing; a stored bad field is shown
// as refused and the bot logs it where the policy is loaded.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, policySchema } from '../../src/domain/policy.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { loadPolicy, onPolicyProblems } from '../../src/repositories/org-repo.ts';
import { connectDb } from '../../src/repositories/prisma.ts';
import { Writable } from 'node:stream';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'policy-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, ORG_CODE: 'default' };

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs('policy', ...args), { env });
    return { code: 0, out: stdout.trim(), err: stderr.trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout.trim(), err: e.stderr.trim() };
  }
}

async function stored(): Promise<Record<string, unknown>> {
  const db = await connectDb(env.DATABASE_URL);
  try {
    return JSON.parse((await db.organisation.findFirstOrThrow({ where: { code: 'default' } })).policy) as Record<string, unknown>;
  } finally {
    await db.$disconnect();
  }
}

beforeAll(async () => {
  await run(process.execPath, npmRunArgs('roster:import', 'prisma/seed/demo-roster.csv'), { env });
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run policy', () => {
  it('show: one line per setting with its value, its default and whether it is set', async () => {
    const shown = await cli('show');
    expect(shown.code).toBe(0);
    const lines = shown.out.split('\n');
    expect(lines).toHaveLength(Object.keys(policySchema.shape).length);
    expect(lines.find((l) => l.startsWith('reportQuorum '))).toMatch(/^reportQuorum\s+30\s+（默认 30，默认）\s+述职评议到会选民至少人数$/);
  }, 150_000);

  it('rule E1: set validates with the setting\'s rule; a bad value is one line, exit 1, nothing written', async () => {
    expect(await cli('set', 'reportQuorum', '50')).toEqual({ code: 0, out: 'reportQuorum 已设为 50', err: '' });
    expect(await cli('set', 'annualReportRemindDays', '21,7')).toMatchObject({ code: 0, out: 'annualReportRemindDays 已设为 21,7' });
    expect(await cli('set', 'supervisingBody', '城关镇人大主席团')).toMatchObject({ code: 0 });
    const bad = await cli('set', 'quarterFormDueDay', '31');
    expect(bad).toEqual({ code: 1, out: '', err: '「31」不是 quarterFormDueDay 的有效值：数值过大：期望 number <=28' });
    expect(await cli('set', 'reminderTime', '9点')).toMatchObject({ code: 1, err: '「9点」不是 reminderTime 的有效值：应为 HH:MM 格式的时间（00:00–23:59）' });
    expect(await cli('set', 'colour', 'red')).toMatchObject({ code: 1, err: '没有名为「colour」的设置；用 npm run policy -- show 查看全部设置' });
    expect(await cli('frobnicate')).toMatchObject({ code: 1, err: 'usage: npm run policy -- show | set KEY VALUE | reset KEY [--org CODE]' });
    expect(await stored()).toEqual({ reportQuorum: 50, annualReportRemindDays: [21, 7], supervisingBody: '城关镇人大主席团' });
    const shown = (await cli('show')).out.split('\n');
    expect(shown.find((l) => l.startsWith('reportQuorum '))).toMatch(/^reportQuorum\s+50\s+（默认 30，已设置）/);
    expect(await cli('reset', 'reportQuorum')).toMatchObject({ code: 0, out: 'reportQuorum 已恢复默认值 30' });
    expect(await stored()).toEqual({ annualReportRemindDays: [21, 7], supervisingBody: '城关镇人大主席团' });
  }, 150_000);

  it('a stored policy with one bad field keeps the rest; show marks it and loading it logs it once', async () => {
    const db = await connectDb(env.DATABASE_URL);
    try {
      await db.organisation.update({ where: { code: 'default' }, data: { policy: JSON.stringify({ diaryEntriesPerMonth: 8, diaryReminderDay: 31 }) } });
      const lines: string[] = [];
      const logger = createLogger('info', new Writable({ write: (chunk, _e, done) => { lines.push(String(chunk)); done(); } }));
      onPolicyProblems(db, (orgId, rejected) => logger.warn({ orgId, rejected }, 'organisation policy: stored settings refused, their defaults apply'));
      const org = await db.organisation.findFirstOrThrow({ where: { code: 'default' } });
      const policy = await loadPolicy(db, org.id);
      await loadPolicy(db, org.id);
      expect(policy.diaryEntriesPerMonth).toBe(8);
      expect(policy.diaryReminderDay).toBe(DEFAULT_POLICY.diaryReminderDay);
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', orgId: org.id, rejected: [{ key: 'diaryReminderDay' }] });
    } finally {
      await db.$disconnect();
    }
    const shown = (await cli('show')).out.split('\n');
    expect(shown.find((l) => l.startsWith('diaryReminderDay '))).toMatch(/^diaryReminderDay\s+25\s+（默认 25，存储的值无效（数值过大：期望 number <=28），按默认值执行）/);
    expect(shown.find((l) => l.startsWith('diaryEntriesPerMonth '))).toMatch(/8\s+（默认 5，已设置）/);
  }, 150_000);
});
