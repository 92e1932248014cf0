// `npm run export` is a contract for tools outside the repo: the file's path, then one line per
// sheet with its row count; every error one line on stderr and exit 1. Run through the real
// script against a seeded quarter (2026Q3, past on any date the tests run).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_NAMES } from '../../../src/domain/registers/book-names.ts';
import { createTestDb, type TestDb } from '../../helpers/db.ts';
import { seedRegisterQuarter } from '../../helpers/register-seed.ts';
import { npmRunArgs } from '../../helpers/main-process.ts';

const run = promisify(execFile);
let t: TestDb;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  await seedRegisterQuarter(t.db);
  dir = mkdtempSync(join(tmpdir(), 'export-cli-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function exportCli(...args: string[]) {
  const env = { ...process.env, DATABASE_URL: t.url, ORG_CODE: 'default', LOG_LEVEL: 'silent' };
  return run(process.execPath, npmRunArgs('export', ...args), { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, stdout: err.stdout, stderr: err.stderr }),
  );
}

describe('npm run export (the command-line contract)', () => {
  it('--book all writes one workbook and prints its path and each sheet\'s row count', async () => {
    const out = join(dir, 'all.xlsx');
    const r = await exportCli('--book', 'all', '--from', '2026-07-01', '--to', '2026-09-30', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [path, ...sheets] = r.stdout.trim().split('\n');
    expect(path).toBe(out);
    expect(sheets.map((l) => l.split('\t')[0])).toEqual([...BOOK_NAMES]);
    expect(sheets).toContain('会议登记簿\t2');
    expect(sheets).toContain('接待登记簿\t3');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...BOOK_NAMES]);
    expect(wb.getWorksheet('接待登记簿')!.getCell('F4').value).toBe('139****5678');
  }, 60_000);

  it('one unit\'s book, phones in full with --unmasked', async () => {
    const out = join(dir, 'reception.xlsx');
    const r = await exportCli('--book', '接待登记簿', '--unit', '城关镇人大代表联络站', '--from', '2026-09-01', '--to', '2026-09-30', '--out', out, '--unmasked');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([out, '接待登记簿\t3']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('接待登记簿')!;
    expect(ws.getCell('A1').value).toBe('示范县人大常委会 城关镇人大代表联络站 人大代表接待选民登记簿');
    expect(ws.getCell('E4').value).toBe('13912345678');
  }, 60_000);

  it('errors are one line each and exit 1: unknown book or unit, --from after --to, a day that does not exist', async () => {
    const cases = await Promise.all([
      exportCli('--book', '台帐簿', '--from', '2026-07-01', '--to', '2026-09-30'),
      exportCli('--book', '考勤簿', '--unit', '第九小组', '--from', '2026-07-01', '--to', '2026-09-30', '--out', join(dir, 'x.xlsx')),
      exportCli('--book', '考勤簿', '--from', '2026-10-01', '--to', '2026-09-30'),
      exportCli('--book', '考勤簿', '--from', '2026-02-30', '--to', '2026-03-31'),
      exportCli('--book', '考勤簿', '--from', '2026-07-01', '--to', '2026-09-30', '--colour', 'red'),
    ]);
    for (const c of cases) {
      expect(c.code).toBe(1);
      expect(c.stdout).toBe('');
      expect(c.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(cases[0]!.stderr.trim()).toBe('--book: 没有名为「台帐簿」的台帐；请用 会议登记簿、活动登记簿、考勤簿、接待登记簿、建议登记簿、走访登记簿、转办簿、履职手册、活动登记表 或 all');
    expect(cases[1]!.stderr.trim()).toMatch(/^--unit: 本组织没有名为「第九小组」的单位（现有：第一代表小组、/);
    expect(cases[2]!.stderr.trim()).toBe('--from 2026-10-01 晚于 --to 2026-09-30：起始日期不能晚于结束日期');
    expect(cases[3]!.stderr.trim()).toBe('--from: 2026-02-30 不是存在的日期（2026 年 2 月只有 28 天）');
    expect(cases[4]!.stderr.trim()).toMatch(/^Unknown option '--colour'/);
  }, 90_000);
});
