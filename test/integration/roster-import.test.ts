// Roster import against a real SQLite file: what ends up in the tables, and what the
// CLI prints and returns.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDb, dialectOf } from '../../src/repositories/prisma.ts';
import { formatReport } from '../../src/services/roster/messages.ts';
import { importRoster, loadDemoRoster, type ImportOptions } from '../../src/services/roster/roster-service.ts';
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';
import { TEST_WECOM } from '../helpers/bot.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const HEADER = ROSTER_HEADER.join(',');
const ORG = 'test-county';

const GOOD = [
  '张伟,13800138000,zhangwei,,县区,第一代表小组,组长,城关镇联络站,站长',
  '张伟,13800138000,zhangwei,,市,第一代表小组,组长,,',
  '李娜,13800138001,lina,dt_lina,乡镇,第一代表小组,联络员,城关镇联络站,',
  '王芳,13800138002,wangfang,,县区,第二代表小组,副组长,,',
  '赵敏,13900139000,zhaomin,,工作人员,,,,',
];

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

function writeCsv(name: string, lines: string[]): string {
  const path = join(t.dir, name);
  writeFileSync(path, `\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`);
  return path;
}

function run(lines: string[], options: Partial<ImportOptions> = {}) {
  return importRoster(t.db, { orgCode: ORG, orgName: '测试县人大常委会', file: writeCsv('roster.csv', lines), ...options });
}

async function personView(mobile: string) {
  const p = await t.db.person.findFirstOrThrow({
    where: { mobile },
    include: { memberships: { include: { unit: true } }, accounts: true },
  });
  return {
    name: p.name,
    levels: p.levels,
    isStaff: p.isStaff,
    updatedAt: p.updatedAt.getTime(),
    roles: p.memberships.map((m) => `${m.unit.kind}:${m.unit.name}:${m.role}`).sort(),
    accounts: p.accounts.map((a) => `${a.channel}:${a.platformUserId}`).sort(),
  };
}

/**
 * Proves "no writes at all": on SQLite the connection's count of rows changed; on PostgreSQL
 * (no such counter across a pool) every table an import writes, by row count and latest update.
 */
async function totalChanges(): Promise<number | string> {
  if (dialectOf(t.db) === 'sqlite') {
    const [row] = await t.db.$queryRawUnsafe<{ n: bigint }[]>('SELECT total_changes() AS n');
    return Number(row!.n);
  }
  const latest = async (m: { aggregate(a: { _max: { updatedAt: true } }): Promise<{ _max: { updatedAt: Date | null } }> }) => (await m.aggregate({ _max: { updatedAt: true } }))._max.updatedAt?.toISOString();
  return JSON.stringify([
    await t.db.person.count(), await t.db.membership.count(), await t.db.unit.count(), await t.db.platformAccount.count(), await t.db.rosterEvent.count(),
    await latest(t.db.person as never), await latest(t.db.unit as never), await t.db.organisation.findMany({ select: { rosterFile: true } }),
  ]);
}

describe('importing a good roster', () => {
  it('creates the organisation, units, people, roles and accounts (rules U1–U5)', async () => {
    const report = await run(GOOD);
    expect(formatReport(report).at(-1)).toBe('导入完成：新增 4 人，更新 0 人，未变 0 人；新增单位 4 个；跳过 0 行');
    expect(await t.db.organisation.findUniqueOrThrow({ where: { code: ORG } })).toMatchObject({ name: '测试县人大常委会' });
    const units = await t.db.unit.findMany({ orderBy: { id: 'asc' } });
    expect(units.map((u) => `${u.kind}:${u.name}`).sort()).toEqual(
      ['group:第一代表小组', 'group:第二代表小组', 'office:人大常委会办公室', 'station:城关镇联络站'].sort(),
    );
    expect(await personView('13800138000')).toMatchObject({
      name: '张伟',
      levels: '县区,市',
      isStaff: false,
      roles: ['group:第一代表小组:leader', 'station:城关镇联络站:head'],
      accounts: ['wecom:zhangwei'],
    });
    expect(await personView('13800138001')).toMatchObject({
      levels: '乡镇',
      roles: ['group:第一代表小组:liaison', 'station:城关镇联络站:member'],
      accounts: ['dingtalk:dt_lina', 'wecom:lina'],
    });
    expect(await personView('13900139000')).toMatchObject({ levels: '', isStaff: true, roles: ['office:人大常委会办公室:staff'] });
  });

  it('re-importing the same file writes nothing: same rows, same updatedAt', async () => {
    await run(GOOD);
    const before = await Promise.all(['13800138000', '13800138001', '13800138002', '13900139000'].map(personView));
    const units = await t.db.unit.findMany();
    const changes = await totalChanges();
    const report = await run(GOOD);
    expect(await totalChanges()).toBe(changes);
    expect(formatReport(report).at(-1)).toBe('导入完成：新增 0 人，更新 0 人，未变 4 人；新增单位 0 个；跳过 0 行');
    expect(await Promise.all(['13800138000', '13800138001', '13800138002', '13900139000'].map(personView))).toEqual(before);
    expect(await t.db.unit.findMany()).toEqual(units);
  });

  it('a changed row updates only that person', async () => {
    await run(GOOD);
    const other = await personView('13800138002');
    const lina = await personView('13800138001');
    await new Promise((r) => setTimeout(r, 5));
    const changed = GOOD.map((l) => l.replace('李娜,13800138001,lina,dt_lina,乡镇', '李娜,13800138001,lina2,,县区'));
    const report = await run(changed);
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 3, updatedNames: ['李娜'] });
    const after = await personView('13800138001');
    expect(after).toMatchObject({ levels: '县区', accounts: ['wecom:lina2'] });
    expect(after.updatedAt).toBeGreaterThan(lina.updatedAt);
    expect(await personView('13800138002')).toEqual(other);
  });

  it('moving to another group drops the old membership', async () => {
    await run(GOOD);
    const moved = GOOD.map((l) => l.replace('王芳,13800138002,wangfang,,县区,第二代表小组,副组长', '王芳,13800138002,wangfang,,县区,第一代表小组,成员'));
    await run(moved);
    expect((await personView('13800138002')).roles).toEqual(['group:第一代表小组:member']);
    // The old unit stays: other people may still belong to it.
    expect(await t.db.unit.count({ where: { name: '第二代表小组' } })).toBe(1);
  });

  it('people missing from the file are left alone and counted', async () => {
    await run(GOOD);
    const kept = await personView('13900139000');
    const report = await run(GOOD.slice(0, 4));
    expect(formatReport(report)).toContain('名册外人员 1 人（未改动）');
    expect(await personView('13900139000')).toEqual(kept);
  });

  it('two people swapping WeCom accounts is applied cleanly', async () => {
    await run(GOOD);
    const swapped = GOOD.map((l) => l.replace(',zhangwei,', ',TMP,').replace(',lina,', ',zhangwei,').replace(',TMP,', ',lina,'));
    await run(swapped);
    expect((await personView('13800138000')).accounts).toEqual(['wecom:lina']);
    expect((await personView('13800138001')).accounts).toEqual(['dingtalk:dt_lina', 'wecom:zhangwei']);
  });

  it('reads the same roster from an xlsx workbook (first worksheet, numeric phones)', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名册');
    sheet.addRow([...ROSTER_HEADER]);
    sheet.addRow(['张伟', 13800138000, 'zhangwei', null, '县区', '第一代表小组', '组长', null, null]);
    sheet.addRow([]);
    sheet.addRow(['李娜', '138 0013 8001', 'lina', null, '乡镇', '第一代表小组', null, null, null]);
    wb.addWorksheet('说明').addRow(['ignored']);
    const file = join(t.dir, 'roster.xlsx');
    await wb.xlsx.writeFile(file);
    const report = await importRoster(t.db, { orgCode: ORG, file });
    expect(report).toMatchObject({ created: 2, orgName: ORG });
    expect(await personView('13800138001')).toMatchObject({ roles: ['group:第一代表小组:member'] });
  });
});

describe('importing a roster with errors', () => {
  const BAD = [
    ...GOOD,
    '刘洋,1380013,liuyang,,县区,,,,',
    '张伟,13800138000,zhangwei2,,县区,,,,',
    '陈静,13800138005,lina,,县区,第三代表小组,组长,,',
  ];

  it('reports every error with its row number and writes nothing', async () => {
    const report = await run(BAD);
    expect(report.applied).toBe(false);
    expect(formatReport(report)).toEqual([
      '组织：测试县人大常委会（test-county）',
      '发现 3 处错误：',
      '  第 7 行：手机号「1380013」不是 11 位手机号',
      '  第 8 行：手机号 13800138000 在第 2 行的企业微信账号是「zhangwei」，这里却是「zhangwei2」',
      '  第 9 行：企业微信账号「lina」已在第 4 行用于手机号 13800138001，一个账号只能对应一个人',
      '未导入：没有写入任何数据。请修正以上错误后重新导入，或加 --skip-bad-rows 只导入没有错误的人员。',
    ]);
    expect(await t.db.organisation.count()).toBe(0);
    expect(await t.db.person.count()).toBe(0);
  });

  it('with skipBadRows writes the good people and skips every person with a bad row', async () => {
    const report = await run(BAD, { skipBadRows: true });
    expect(report.applied).toBe(true);
    expect(formatReport(report)).toContain('以下人员有错误行，整人跳过，未作任何改动：张伟（13800138000）、李娜（13800138001）、陈静（13800138005）');
    // 张伟 rows 2, 3, 8; 李娜 row 4; 刘洋 row 7; 陈静 row 9.
    expect(formatReport(report).at(-1)).toBe('导入完成：新增 2 人，更新 0 人，未变 0 人；新增单位 2 个；跳过 6 行');
    expect((await t.db.person.findMany()).map((p) => p.name).sort()).toEqual(['王芳', '赵敏'].sort());
  });

  it('a WeCom account held by someone in the database outside the file is refused', async () => {
    await run(GOOD);
    const report = await run(['陈静,13800138005,wangfang,,县区,,,,']);
    expect(report.errors.map((e) => e.reason)).toEqual([
      '企业微信账号「wangfang」已属于系统中的「王芳」（13800138002），此人不在本名册中；一个账号只能对应一个人，请先核对',
    ]);
    expect(await t.db.person.count({ where: { mobile: '13800138005' } })).toBe(0);
  });

  it('a GBK-encoded CSV is refused with advice to save as CSV UTF-8 or xlsx', async () => {
    const file = join(t.dir, 'gbk.csv');
    writeFileSync(file, Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xca, 0xd6, 0xbb, 0xfa, 0xba, 0xc5, 0x0d, 0x0a])); // 姓名,手机号
    await expect(importRoster(t.db, { orgCode: ORG, file })).rejects.toThrow(/CSV UTF-8.*xlsx/);
  });

  it('a renamed header column is refused, naming the expected header', async () => {
    const file = join(t.dir, 'h.csv');
    writeFileSync(file, `${HEADER.replace('钉钉账号', '钉钉')}\n${GOOD[0]}\n`);
    await expect(importRoster(t.db, { orgCode: ORG, file })).rejects.toThrow(`表头第 4 列应为「钉钉账号」，实际是「钉钉」。表头必须是：${HEADER}`);
  });
});

describe('the demo roster', () => {
  it('loads cleanly: 2 stations, 3 groups, at least 18 deputies, office staff; loading again changes nothing', async () => {
    const report = await loadDemoRoster(t.db, 'demo');
    expect(report).toMatchObject({ applied: true, errors: [], skippedRows: 0, orgName: '示范县人大常委会' });
    const units = await t.db.unit.findMany();
    expect(units.filter((u) => u.kind === 'station')).toHaveLength(2);
    expect(units.filter((u) => u.kind === 'group')).toHaveLength(3);
    const people = await t.db.person.findMany({ include: { accounts: true, memberships: { include: { unit: true } } } });
    expect(people.filter((p) => p.levels !== '').length).toBeGreaterThanOrEqual(18);
    expect(people.some((p) => p.levels.includes(','))).toBe(true);
    expect(people.filter((p) => p.memberships.some((m) => m.unit.kind === 'office' && m.role === 'staff')).length).toBeGreaterThanOrEqual(2);
    expect(people.every((p) => p.accounts.some((a) => a.channel === 'wecom' && /^[a-z]+$/.test(a.platformUserId)))).toBe(true);
    for (const role of ['leader', 'vice_leader', 'liaison', 'head', 'vice_head']) {
      expect(people.some((p) => p.memberships.some((m) => m.role === role))).toBe(true);
    }
    const changes = await totalChanges();
    expect(await loadDemoRoster(t.db, 'demo')).toMatchObject({ created: 0, updated: 0, unchanged: people.length });
    expect(await totalChanges()).toBe(changes);
  });
});

describe('npm run roster:import (the CLI)', () => {
  function cli(args: string[], databaseUrl: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, npmRunArgs('roster:import', ...args), {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl, ORG_CODE: 'cli-county', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('migrates a new database, imports, prints the summary line and exits 0', async () => {
    const url = `file:${join(t.dir, 'cli', 'fresh.db')}`;
    const result = await cli([writeCsv('cli.csv', GOOD), '--org-name', 'CLI县人大常委会'], url);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('组织：CLI县人大常委会（cli-county）');
    expect(lines.at(-1)).toBe('导入完成：新增 4 人，更新 0 人，未变 0 人；新增单位 4 个；跳过 0 行');
    const db = await connectDb(url);
    try {
      expect(await db.person.count({ where: { org: { code: 'cli-county' } } })).toBe(4);
    } finally {
      await db.$disconnect();
    }
  });

  it('prints the errors and exits 1 for a bad file, writing nothing', async () => {
    const url = `file:${join(t.dir, 'cli', 'bad.db')}`;
    const result = await cli([writeCsv('bad.csv', [...GOOD, '刘洋,1380013,,,县区,,,,'])], url);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('第 7 行：手机号「1380013」不是 11 位手机号');
    expect(result.stdout).toContain('未导入：没有写入任何数据');
    const db = await connectDb(url);
    try {
      expect(await db.person.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it('names the people the bot could never reach: a DingTalk account only, where the organisation runs WeCom only', async () => {
    const file = writeCsv('reach.csv', [...GOOD, '孙丽,13800138003,,dt_sunli,县区,,,,']);
    const wecom = await cli([file], `file:${join(t.dir, 'cli', 'reach.db')}`, TEST_WECOM);
    expect(wecom.code).toBe(0);
    // 李娜 has both accounts: reached on WeCom, not named.
    expect(wecom.stdout).toContain('以下 1 人只有钉钉账号，本组织没有接入钉钉，他们收不到机器人的消息；请在名册中补上他们的企业微信账号后重新导入：孙丽\n');
    // Another organisation of the deployment, not given an app yet (npm run org -- add).
    const other = await cli([file, '--org', 'county-z'], `file:${join(t.dir, 'cli', 'reach.db')}`, TEST_WECOM);
    expect(other.code).toBe(0);
    expect(other.stdout).toContain('组织 county-z 还没有接入企业微信或钉钉应用，名册中有账号的 5 人暂时收不到机器人的消息；接入应用后即可收到，不必重新导入。');
    // Local mode's simulator plays both platforms: nobody is named.
    const local = await cli([file], `file:${join(t.dir, 'cli', 'reach-local.db')}`);
    expect(local.code).toBe(0);
    expect(local.stdout).not.toContain('收不到机器人的消息');
  });

  it('answers one line for an unknown flag or a missing file', async () => {
    const url = `file:${join(t.dir, 'cli', 'x.db')}`;
    const unknown = await cli(['a.csv', '--force'], url);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^未知参数 --force。用法：npm run roster:import/m);
    const missing = await cli([join(t.dir, 'nope.csv')], url);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`找不到文件：${join(t.dir, 'nope.csv')}`);
  });
});
