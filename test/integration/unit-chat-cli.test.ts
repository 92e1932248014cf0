// npm run unit -- chat: link, create or unlink a unit's group chat (rule A4 announcements).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../../src/repositories/prisma.ts';
import { testDingtalkEnv } from '../helpers/bot.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'unit-cli-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, ORG_CODE: 'default' };

async function cli(...args: string[]) {
  return cliWith(env, ...args);
}

async function cliWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs('unit', ...args), { env });
    return { code: 0, out: (stdout + stderr).trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: (e.stdout + e.stderr).trim() };
  }
}

beforeAll(async () => {
  await run(process.execPath, npmRunArgs('roster:import', 'prisma/seed/demo-roster.csv'), { env });
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run unit -- chat', () => {
  it('links an existing chat, creates one through the outbox, and unlinks', async () => {
    expect(await cli('chat', '--unit', '第一代表小组', '--chatid', 'wrGroup1')).toEqual({ code: 0, out: '第一代表小组的活动通知将同时在群聊 wrGroup1 发一条提示。' });
    const created = await cli('chat', '--unit', '东河镇代表之家', '--create');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^已请求为东河镇代表之家建群（\d+ 人，群聊 ID unit\d+）/);
    const db = await connectDb(env.DATABASE_URL);
    try {
      const row = await db.outbox.findFirstOrThrow({ where: { kind: 'chat_create' } });
      expect(JSON.parse(row.payload)).toMatchObject({ kind: 'chat_create', name: '东河镇代表之家', owner: 'wangguoqiang' });
      expect(await cli('chat', '--unit', '第一代表小组', '--off')).toEqual({ code: 0, out: '第一代表小组不再在群聊发提示。' });
      expect((await db.unit.findFirstOrThrow({ where: { name: '第一代表小组' } })).groupChat).toBeNull();
    } finally {
      await db.$disconnect();
    }
  }, 150_000);

  it('in a DingTalk-only deployment --create says the robot cannot create a group and what to do instead, and asks for nothing', async () => {
    const dingtalkOnly = { ...env, ...testDingtalkEnv('http://127.0.0.1:9') };
    const db = await connectDb(env.DATABASE_URL);
    try {
      const before = await db.outbox.count({ where: { kind: 'chat_create' } });
      expect(await cliWith(dingtalkOnly, 'chat', '--unit', '第二代表小组', '--create')).toEqual({
        code: 1, out: '钉钉的机器人不能建群：请把机器人加入第二代表小组的群，再用群聊 ID「dingtalk:群的 openConversationId」关联这个群。',
      });
      expect(await db.outbox.count({ where: { kind: 'chat_create' } })).toBe(before);
      expect((await db.unit.findFirstOrThrow({ where: { name: '第二代表小组' } })).groupChat).toBeNull();
    } finally {
      await db.$disconnect();
    }
  }, 150_000);

  it('bad arguments get one line and exit 2; an unknown unit exits 1', async () => {
    expect((await cli('chat', '--unit', '第一代表小组')).code).toBe(2);
    expect(await cli('chat', '--unit', '第九小组', '--off')).toEqual({ code: 1, out: '--unit: 本组织没有名为「第九小组」的单位' });
  }, 150_000);
});
