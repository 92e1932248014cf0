// npm run report (rules E1–E3) and npm run record -- session (rule L4): the command lines the
// office uses, through the real scripts. They run on the real clock, so the activity lies ten
// days ahead of now and only date-independent facts are asserted.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../../src/repositories/prisma.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, ORG_CODE: 'default' };
let activityId = 0;
let meetingId = 0;

async function cli(name: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs(name, ...args), { env });
    return { code: 0, out: stdout.trim(), err: stderr.trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout.trim(), err: e.stderr.trim() };
  }
}
const report = (...args: string[]) => cli('report', ...args);

beforeAll(async () => {
  await run(process.execPath, npmRunArgs('roster:import', 'prisma/seed/demo-roster.csv'), { env });
  const db = await connectDb(env.DATABASE_URL);
  try {
    const org = await db.organisation.findFirstOrThrow({ where: { code: 'default' } });
    const unit = await db.unit.findFirstOrThrow({ where: { name: '第一代表小组' } });
    const office = await db.unit.findFirstOrThrow({ where: { kind: 'office' } });
    const startAt = new Date(Date.now() + 10 * 86_400_000);
    const base = { orgId: org.id, startAt, endAt: new Date(startAt.getTime() + 7200_000), place: '会议室' };
    activityId = (await db.activity.create({ data: { ...base, unitId: unit.id, kind: 'report_back', title: '述职会' } })).id;
    meetingId = (await db.activity.create({ data: { ...base, unitId: office.id, kind: 'meeting', title: '县人大会议' } })).id;
  } finally {
    await db.$disconnect();
  }
  writeFileSync(join(dir, 'voters.csv'), '\uFEFF姓名,手机号,企业微信账号\n郑丽娟,13800000107,\n王秀英,13912345678,\n刘大爷,13912345679,\n');
  writeFileSync(join(dir, 'bad.csv'), '姓名,手机号\n王秀英,1391234\n,13912345679\n');
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run report (rules E1–E3)', () => {
  it('rule E3: a voter file with mistakes is refused whole, one line per problem, exit 1', async () => {
    const bad = await report('setup', '--activity', String(activityId), '--deputy', '周海涛', '--organiser', '赵文华', '--voters', join(dir, 'bad.csv'));
    expect(bad).toEqual({ code: 1, out: '', err: '--voters: 第 2 行：手机号「1391234」不是 11 位手机号\n--voters: 第 3 行：姓名应为 1 到 30 个字' });
    expect(await report('setup', '--activity', String(meetingId), '--deputy', '张无忌', '--organiser', '赵文华', '--voters-unit', '第一代表小组')).toEqual({
      code: 1, out: '', err: `--activity: 活动 ${meetingId} 不是“述职”类活动；请先安排一次述职活动（npm run activity -- create --kind 述职 …）\n--deputy: 名册里没有名为「张无忌」的代表`,
    });
    expect((await report('open')).code).toBe(1);
  }, 120_000);

  it('rules E1–E3: set up, open, paper count, close: the tally with the quorum flag', async () => {
    const setup = await report('setup', '--activity', String(activityId), '--deputy', '周海涛', '--organiser', '赵文华', '--voters', join(dir, 'voters.csv'), '--voters-unit', '第一代表小组', '--quorum', '50');
    expect(setup.code).toBe(0);
    const lines = setup.out.split('\n');
    expect(lines[0]).toMatch(/^评议 1：周海涛在“述职会”（.+）述职$/);
    expect(lines[1]).toBe('选民 8 人（本次新增 8 人）：企业微信投票 6 人，纸质票 2 人；到会投票至少 50 人');
    expect((await report('list')).out).toMatch(/^1 {2}未开始 {2}周海涛 {2}述职会 {2}/);
    expect(await report('open', '1')).toMatchObject({ code: 0, out: '周海涛述职评议已开始：已向 6 位选民发出评议卡片；2 位选民不在企业微信上，请用纸质票，结束前发送“纸质票 编号 满意 N 基本满意 N 不满意 N”录入。发送“结束评议 编号”结束并公布结果。' });
    expect(await report('paper', '1', '--satisfied', '3', '--basic', '0', '--dissatisfied', '0')).toEqual({ code: 1, out: '', err: '纸质票总数不能超过不在企业微信上的选民人数（2 人）。' });
    expect(await report('paper', '1', '--satisfied', '1', '--basic', '1', '--dissatisfied', '0')).toMatchObject({ code: 0, out: '纸质票已录入，共 2 张。' });
    expect(await report('status', '1')).toMatchObject({ code: 0, out: '周海涛述职评议：投票中；企业微信已投 0/6 人；纸质票 2 张。' });
    expect(await report('close', '1')).toMatchObject({
      code: 0,
      out: '周海涛述职评议结果（述职会）：满意 1 票，基本满意 1 票，不满意 0 票，共 2 票（其中纸质票 2 张）。\n选民 8 人，参加投票 2 人，少于规定的 50 人：本次评议人数不足，结果仅供参考。',
    });
    const db = await connectDb(env.DATABASE_URL);
    try {
      // The deputy and the organiser are told through the outbox; the cards that were never sent are discarded and erased.
      const result = await db.outbox.findMany({ where: { idempotencyKey: { startsWith: 'e3-result|1' } } });
      expect(result.map((r) => r.recipient.split('|').sort().join('|'))).toEqual(['zhaowenhua|zhouhaitao']);
      const cards = await db.outbox.findMany({ where: { idempotencyKey: { startsWith: 'erase-on-send|ballot-card|1|' } } });
      expect(cards).toHaveLength(6);
      expect(cards.every((c) => c.payload === '{}' && c.status === 'discarded')).toBe(true);
    } finally {
      await db.$disconnect();
    }
  }, 180_000);
});

describe('npm run record -- session (rule L4)', () => {
  it('rule L4: a meeting is marked as a congress session; anything else is refused in one line', async () => {
    expect(await cli('record', 'session', String(meetingId))).toMatchObject({ code: 0, out: `活动 ${meetingId}「县人大会议」已标为代表大会会议：会后检查连续未经批准缺席的代表，提醒工作人员。` });
    expect(await cli('record', 'session', String(activityId))).toEqual({ code: 1, out: '', err: `活动 ${activityId}「述职会」不是“会议”类活动，不能标为代表大会会议` });
    expect((await cli('record', 'session')).code).toBe(1);
  }, 150_000);
});
