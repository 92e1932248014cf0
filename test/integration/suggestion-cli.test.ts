// npm run suggestion (rules S1–S3): the command-line contract through the real script on a
// real SQLite file — one line per suggestion starting with its number, the history one line per
// transition, one line and exit 1 for every error — and the deputy told through the outbox.
// The script runs on the real clock, so these checks only assert date-independent facts.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { recordHistory } from '../../src/repositories/suggestion-lifecycle-repo.ts';
import { createNumbered } from '../../src/repositories/suggestion-repo.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'suggestion-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, ORG_CODE: 'default', LOG_LEVEL: 'silent' };

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs('suggestion', ...args), { env });
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

beforeAll(async () => {
  await run(process.execPath, npmRunArgs('roster:import', 'prisma/seed/demo-roster.csv'), { env });
  await withDb(async (db) => {
    const org = await db.organisation.findUniqueOrThrow({ where: { code: 'default' } });
    const deputy = await db.person.findFirstOrThrow({ where: { name: '李春梅' } });
    // One long overdue for assignment, one whose deadline is far ahead: whatever today is.
    for (const [title, deadline] of [['关于幸福村路灯维修的建议', '2020-01-21'], ['关于增设城关镇公交站点的建议', '2099-12-31']] as const) {
      const made = await createNumbered(db, {
        orgId: org.id, personId: deputy.id, year: 2026, kind: '建议', kindCode: '建', title, content: '城关镇东片居民出行不便。',
        attachments: [], sourceKey: title, now: new Date('2026-11-23T02:00:00Z'), assignDeadline: deadline,
      });
      await recordHistory(db, made.id);
    }
    await db.department.createMany({ data: [{ orgId: org.id, name: '县住建局' }, { orgId: org.id, name: '县交通运输局' }] });
  });
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sentTo = (db: Db, user: string) => db.outbox.findMany({ where: { recipient: user }, orderBy: { id: 'asc' } });

describe('npm run suggestion', () => {
  it('rule S1: list prints one line per suggestion, starting with its number, the overdue first', async () => {
    const all = await cli('list');
    expect(all.code).toBe(0);
    const lines = all.out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^2026-建-0001  提交  —  交办期限 2020-01-21  李春梅  关于幸福村路灯维修的建议  逾期 \d+ 天$/);
    expect(lines[1]).toBe('2026-建-0002  提交  —  交办期限 2099-12-31  李春梅  关于增设城关镇公交站点的建议');
    expect((await cli('list', '--overdue')).out.split('\n')).toEqual([lines[0]]);
    expect((await cli('list', '--status', '提交')).out.split('\n')).toHaveLength(2);
    expect((await cli('list', '--status', '办结')).out).toBe('');
  }, 120_000); // each run starts a process (about 2 s, more on a busy machine)

  it('rule S1: assign, talk, answer change the status, tell the deputy, and show prints one line per transition', async () => {
    const assigned = await cli('assign', '2026-建-0002', '--department', '县住建局', '--co', '县交通运输局', '--by', '何静');
    expect(assigned.code).toBe(0);
    expect(assigned.out).toMatch(/^2026-建-0002 已交办县住建局（主办），县交通运输局（协办），答复期限 \d{4}年\d{1,2}月\d{1,2}日。$/);
    expect((await cli('list', '--status', '交办')).out).toMatch(/^2026-建-0002  交办  县住建局、县交通运输局（协办）  答复期限 \d{4}-\d{2}-\d{2}  李春梅/);
    expect((await cli('talk', '2026-建-0002', '--date', '2026-11-24', '--place', '县住建局三楼会议室', '--with', '李科长、李春梅')).out).toBe('2026-建-0002 的面商情况已记录。');
    const answered = await cli('answer', '2026-建-0002', '--form', '书面', '--text', '已将东环路两个站点纳入明年公交线网调整计划。');
    expect(answered).toMatchObject({ code: 0, out: '2026-建-0002 的答复已登记，已请代表评价。' });
    await withDb(async (db) => {
      expect(await db.suggestion.findFirstOrThrow({ where: { number: '2026-建-0002' } })).toMatchObject({ status: 'answered', rounds: 1 });
      const told = await sentTo(db, 'lichunmei');
      const texts = told.map((r) => JSON.parse(r.payload) as { kind: string; text?: string; card?: { title: string; buttons: { key: string }[] } });
      expect(texts.filter((m) => m.kind === 'text').map((m) => m.text)).toEqual([
        expect.stringMatching(/^您的建议 2026-建-0002 已交办县住建局办理，答复期限 \d{4}年/),
        '县住建局已就您的建议 2026-建-0002 与您面商（2026年11月24日，县住建局三楼会议室）。',
        '县住建局已书面答复您的建议 2026-建-0002，请在卡片上评价（满意、基本满意或不满意）。',
      ]);
      const card = texts.find((m) => m.kind === 'card')!.card!;
      expect(card.title).toBe('2026-建-0002 关于增设城关镇公交站点的建议');
      expect(card.buttons.map((b) => b.key.split(':')[0])).toEqual(['suggestion.rate.satisfied', 'suggestion.rate.basic', 'suggestion.rate.unsatisfied']);
    });
    const shown = await cli('show', '2026-建-0002');
    const history = shown.out.split('\n');
    expect(history.map((l) => l.split('  ').slice(1, 3).join(' '))).toEqual([
      '提交 提交', '登记 提交→登记', '交办 登记→交办', '面商 交办→办理中', '答复 办理中→已答复',
    ]);
    for (const line of history) expect(line).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}  /);
    expect(history[2]).toContain('何静  县住建局（主办）；县交通运输局（协办）');
    expect(history[3]).toContain('命令行  2026-11-24 县住建局三楼会议室；李科长、李春梅');
  }, 120_000); // each run starts a process (about 2 s, more on a busy machine)

  it('rule S1: an extension past its limit is refused in one line, exit 1', async () => {
    await cli('assign', '2026-建-0001', '--department', '县交通运输局');
    const refused = await cli('extend', '2026-建-0001', '--until', '2099-01-01');
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/^延期不能超过 1 个月，最晚只能延至 \d{4}年\d{1,2}月\d{1,2}日。$/);
  }, 120_000); // each run starts a process (about 2 s, more on a busy machine)

  it('every error is one line on stderr with exit 1', async () => {
    const cases: [string[], RegExp][] = [
      [['assign', '2026-建-0001', '--department', '县水利局'], /^2026-建-0001 目前的状态是“交办”|^没有名为“县水利局”的承办部门/],
      [['assign', '2026-建-0009', '--department', '县住建局'], /^没有编号为 2026-建-0009 的建议/],
      [['show', '0007'], /^NUMBER: 「0007」不是建议编号（例如 2026-建-0007）$/],
      [['answer', '2026-建-0001', '--form', '短信', '--text', '已办理'], /^--form: 「短信」应为 书面、电话、面谈 之一$/],
      [['frob'], /^「frob」不是子命令。usage: npm run suggestion -- list/],
      [['list', '--colour'], /^Unknown option '--colour'.*usage: npm run suggestion/],
      [['assign', '2026-建-0001', '--department', '县住建局', '--by', '李春梅'], /^--by: 「李春梅」不是本组织的工作人员$/],
    ];
    for (const [args, expected] of cases) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err.split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err, args.join(' ')).toMatch(expected);
    }
  }, 120_000); // each run starts a process (about 2 s, more on a busy machine)
});
