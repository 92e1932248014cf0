// npm run unit -- parent | home | show: larger groups (大组, rules U2, A2) and deputies' homes
// (代表之家, rule A3) are set on the units; the roster file's nine columns stay as they are.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../../src/repositories/prisma.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'unit-structure-'));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, ORG_CODE: 'default' };

async function cli(name: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs(name, ...args), { env });
    return { code: 0, out: (stdout + stderr).trim() };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: (e.stdout + e.stderr).trim() };
  }
}
const unit = (...args: string[]) => cli('unit', ...args);

beforeAll(async () => {
  await run(process.execPath, npmRunArgs('roster:import', 'prisma/seed/demo-roster.csv'), { env });
}, 150_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run unit -- parent / home / show', () => {
  it('rule U2: groups go under a larger group; two levels only; a roster import leaves it alone', async () => {
    expect(await unit('parent', '--unit', '第一代表小组', '--parent', '城关片区大组')).toEqual({
      code: 1, out: '--parent: 本组织没有名为「城关片区大组」的代表小组；要新建这个代表大组，请加 --create',
    });
    expect(await unit('parent', '--unit', '第一代表小组', '--parent', '城关片区大组', '--create')).toEqual({ code: 0, out: '已新建代表大组城关片区大组；第一代表小组现在属于代表大组城关片区大组。' });
    expect(await unit('parent', '--unit', '第二代表小组', '--parent', '城关片区大组')).toEqual({ code: 0, out: '第二代表小组现在属于代表大组城关片区大组。' });
    expect(await unit('parent', '--unit', '城关片区大组', '--parent', '第三代表小组')).toEqual({ code: 1, out: '城关片区大组下面还有代表小组，它本身是代表大组，不能再归入别的大组' });
    expect(await unit('parent', '--unit', '第三代表小组', '--parent', '第一代表小组')).toEqual({ code: 1, out: '第一代表小组已经属于另一个代表大组：代表大组只有一层，不能再归入别的大组' });
    expect(await unit('home', '--unit', '东河镇代表之家')).toEqual({ code: 0, out: '东河镇代表之家按“代表之家”考核活动次数和参与率。' });
    expect(await unit('home', '--unit', '第一代表小组')).toEqual({ code: 1, out: '--unit: 本组织没有名为「第一代表小组」的联络站' });
    expect((await unit('parent', '--unit', '第一代表小组')).code).toBe(2);
    expect((await cli('roster:import', 'prisma/seed/demo-roster.csv')).code).toBe(0);
    expect(await unit('show')).toEqual({ code: 0, out: '代表大组 城关片区大组：第一代表小组、第二代表小组\n代表之家 东河镇代表之家' });
    expect(await unit('parent', '--unit', '第二代表小组', '--off')).toEqual({ code: 0, out: '第二代表小组不再属于任何代表大组。' });
    const db = await connectDb(env.DATABASE_URL);
    try {
      const big = await db.unit.findFirstOrThrow({ where: { name: '城关片区大组' } });
      expect(big.kind).toBe('group');
      expect((await db.unit.findFirstOrThrow({ where: { name: '第一代表小组' } })).parentId).toBe(big.id);
      expect((await db.unit.findFirstOrThrow({ where: { name: '第二代表小组' } })).parentId).toBeNull();
    } finally {
      await db.$disconnect();
    }
  }, 120_000);
});
