// The registers for a seeded quarter (2026Q3, test/helpers/register-seed.ts), each written to
// XLSX, opened back with exceljs and checked cell by cell: the merged title and period rows,
// the headers, sample rows, totals, merges, print titles, the A4 page setup, the page-number
// footer, the keeper's line; rules A5, A6, L5, R3–R6, S1–S5, P1–P3 on paper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_NAMES, type BookName } from '../../../src/domain/registers/book-names.ts';
import { periodFromFlags } from '../../../src/domain/registers/period.ts';
import { LEADER_PRIVACY, OFFICE_PRIVACY, type Privacy } from '../../../src/domain/registers/privacy.ts';
import { exportBooks } from '../../../src/services/registers/export-service.ts';
import { createTestDb, type TestDb } from '../../helpers/db.ts';
import { INJECTED_NAME, seedRegisterQuarter, SEEDED, type SeededQuarter } from '../../helpers/register-seed.ts';

const NOW = new Date('2026-11-30T02:00:00Z');
const ORG = '示范县人大常委会';
let t: TestDb;
let seed: SeededQuarter;
let dir: string;

beforeAll(async () => {
  t = await createTestDb();
  seed = await seedRegisterQuarter(t.db);
  dir = mkdtempSync(join(tmpdir(), 'books-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const quarter = () => {
  const p = periodFromFlags(SEEDED.fromDay, SEEDED.toDay);
  if (!p.ok) throw new Error(p.message);
  return p.period;
};

async function write(book: BookName | 'all', opts: { unit?: string; privacy?: Privacy } = {}) {
  const out = join(dir, `${book}-${opts.unit ?? 'org'}-${Math.random().toString(36).slice(2)}.xlsx`);
  const unitId = opts.unit ? seed.units[opts.unit] : undefined;
  const result = await exportBooks(t.db, { orgId: seed.orgId, book, unitId, period: quarter(), privacy: opts.privacy ?? OFFICE_PRIVACY, out, now: NOW });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  return { result, wb };
}

/** A row's values from column A on, as text ('' for an empty cell). */
function row(ws: ExcelJS.Worksheet, n: number): (string | number)[] {
  const values = (ws.getRow(n).values as unknown[]).slice(1);
  return Array.from(values, (v) => (v === null || v === undefined ? '' : (v as string | number)));
}

function lastRow(ws: ExcelJS.Worksheet): number {
  return ws.rowCount;
}

/** What every register sheet has: title, period, headers, print layout, the keeper's line. */
function expectLayout(ws: ExcelJS.Worksheet, title: string, headers: string[], orientation: 'portrait' | 'landscape', signature = '保管人（签名）') {
  const width = headers.length;
  const lastCol = String.fromCharCode(64 + width);
  expect(ws.getCell('A1').value).toBe(title);
  expect(ws.getCell('A1').font?.bold).toBe(true);
  expect(String(ws.getCell('A2').value)).toMatch(/^期间：2026年第三季度（2026-07-01 至 2026-09-30）/);
  expect(row(ws, 3)).toEqual(headers);
  expect(ws.getCell('A3').border?.top?.style).toBe('thin');
  expect(ws.getCell('A3')).toMatchObject({ font: { bold: true }, fill: { fgColor: { argb: 'FFEDEDED' } }, alignment: { horizontal: 'center' } });
  // The first line under the headers (a row, a section or the note saying there is none): bordered, not shaded.
  expect(ws.getCell(`${lastCol}4`).border?.bottom?.style).toBe('thin');
  expect((ws.getCell('A4').fill as ExcelJS.FillPattern | undefined)?.pattern ?? 'none').toBe('none');
  expect(ws.model.merges).toEqual(expect.arrayContaining([`A1:${lastCol}1`, `A2:${lastCol}2`]));
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:3' });
  expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
  const sign = String(ws.getCell(`A${lastRow(ws)}`).value);
  expect(sign).toMatch(new RegExp(`^${signature.replace(/[()（）]/g, '.')}：＿+　+日期：　+年　+月　+日$`));
  expect(ws.model.merges).toContain(`A${lastRow(ws)}:${lastCol}${lastRow(ws)}`);
}

describe('registers for a seeded quarter, read back cell by cell', () => {
  it('rules A5, A6: 会议登记簿 lists the group meetings with attendance, the account and its recorder, and totals', async () => {
    const { result, wb } = await write('会议登记簿', { unit: '第一代表小组' });
    const ws = wb.getWorksheet('会议登记簿')!;
    expectLayout(ws, `${ORG} 第一代表小组 代表小组会议登记簿`,
      ['序号', '会议时间', '会议名称', '会议类型', '地点', '发布人', '应到', '实到', '请假', '缺席', '参会人员', '会议内容', '会议纪要', '记录人'], 'landscape');
    // Rule L5: 李春梅's approved leave is 请假; 吴晓东 said 参加 but never signed in: 缺席 (A6).
    expect(row(ws, 4)).toEqual([1, '2026-07-15 14:00–16:30', '学习代表法', '学习', '县人大常委会三楼会议室', '赵文华', 6, 3, 1, 2, '赵文华、钱秀英、孙建国', '学习代表法第四章',
      '一、活动内容：学习代表法\n四、活动成效：交流了闭会期间履职体会', '孙建国']);
    expect(row(ws, 5)).toEqual(['合计', '1 次', '', '', '', '', 6, 3, 1, 2]);
    expect(result.sheets).toEqual([{ name: '会议登记簿', rows: 1 }]);
  });

  it('rules A1, A5: 活动登记簿 holds the field activities (not meetings, not cancelled ones, not other quarters)', async () => {
    const { wb } = await write('活动登记簿', { unit: '第一代表小组' });
    const ws = wb.getWorksheet('活动登记簿')!;
    expectLayout(ws, `${ORG} 第一代表小组 代表小组活动登记簿`,
      ['序号', '活动时间', '活动名称', '活动形式', '地点', '应到', '实到', '请假', '缺席', '参加人员', '活动内容', '活动成效和意见建议'], 'landscape');
    expect(row(ws, 4).slice(0, 10)).toEqual([1, '2026-08-20 09:00–11:30', '视察城关镇农贸市场', '视察', '县人大常委会三楼会议室', 6, 4, 1, 1, '赵文华、李春梅、周海涛、吴晓东']);
    expect(row(ws, 5).slice(0, 4)).toEqual([2, '2026-09-10 09:00–12:00', '走访幸福村困难户', '走访座谈']);
    expect(row(ws, 6)).toEqual(['合计', '2 次', '', '', '', 12, 6, 1, 5]);
    const titles = [4, 5].map((n) => ws.getCell(`C${n}`).value);
    expect(titles).not.toContain('调研（已取消）');
    expect(titles).not.toContain('学习选举法');
  });

  it('rules A6, L5: 考勤簿 has a row per deputy, a column per activity, totals and rates', async () => {
    const { wb } = await write('考勤簿', { unit: '第一代表小组' });
    const ws = wb.getWorksheet('考勤簿')!;
    expectLayout(ws, `${ORG} 第一代表小组 代表活动考勤簿`,
      ['序号', '姓名', '07-15 学习代表法', '08-20 视察城关镇农贸市场', '09-10 走访幸福村困难户', '应出席', '出席', '请假', '缺席', '出席率'], 'landscape');
    expect(row(ws, 4)).toEqual([1, '赵文华', '出席', '出席', '出席', 3, 3, 0, 0, 1]);
    expect(row(ws, 5)).toEqual([2, '钱秀英', '出席', '缺席', '缺席', 3, 1, 0, 2, 0.333]); // a rejected leave is absence
    expect(row(ws, 6)).toEqual([3, '孙建国', '出席', '请假', '出席', 3, 2, 1, 0, 0.667]);
    expect(row(ws, 7)).toEqual([4, '李春梅', '请假', '出席', '缺席', 3, 1, 1, 1, 0.333]);
    expect(ws.getCell('J4').numFmt).toBe('0.0%');
    expect(row(ws, 10)).toEqual(['合计', '', '出席3 请假1 缺席2', '出席4 请假1 缺席1', '出席2 请假0 缺席4', 18, 9, 2, 7, 0.5]);
    expect(ws.getCell('A10').font?.bold).toBe(true);
  });

  it('rules R3–R6: 接待登记簿 masks phones, keeps formulas as text, and shows names only to office staff', async () => {
    const office = (await write('接待登记簿')).wb.getWorksheet('接待登记簿')!;
    expectLayout(office, `${ORG} 人大代表接待选民登记簿`,
      ['序号', '登记日期', '联络站', '接待代表', '来访人', '联系电话', '住址', '反映问题', '类别', '状态', '交办期限', '交办单位', '答复时间', '答复形式', '答复内容', '满意度'], 'landscape');
    expect(row(office, 5)).toEqual([2, '2026-09-01', '城关镇人大代表联络站', '李春梅', '张师傅', '137****1111', '东街12号', '小区门口积水', '城乡建设', '已答复', '2026-09-10', '城关镇政府', '2026-09-08 15:00', '电话', '已疏通排水沟', '满意']);
    expect(office.getCell('E6').value).toBe(`'${INJECTED_NAME}`);
    expect(office.getCell('H6').value).toBe(`'@SUM(1+1)`);
    expect(office.getCell('I6').value).toBe(`'+1+1`);
    const unmasked = (await write('接待登记簿', { privacy: { ...OFFICE_PRIVACY, phones: 'full' } })).wb.getWorksheet('接待登记簿')!;
    expect(unmasked.getCell('F4').value).toBe('13912345678');
    const leader = (await write('接待登记簿', { unit: '城关镇人大代表联络站', privacy: LEADER_PRIVACY })).wb.getWorksheet('接待登记簿')!;
    expect(row(leader, 4).slice(0, 7)).toEqual([1, '2026-09-01', '李春梅', '王**', '139****5678', '', '路灯坏了，晚上出行不便']);
  });

  it('rules S1–S5: 建议登记簿 shows number, deputy, department, deadlines, answer, 面商 and rating, then motions', async () => {
    const { wb } = await write('建议登记簿', { unit: '第一代表小组' });
    const ws = wb.getWorksheet('建议登记簿')!;
    expectLayout(ws, `${ORG} 第一代表小组 人大代表建议批评意见登记簿`,
      ['序号', '编号', '类别', '提出代表', '提出日期', '标题', '状态', '承办单位', '交办期限', '答复期限', '答复日期', '答复形式', '答复内容', '面商', '评价', '备注'], 'landscape');
    expect(row(ws, 4)).toEqual([1, '2026-建-0001', '建议', '李春梅', '2026-08-01', '关于幸福村主干道路灯维修的建议', '已评价', '县住建局', '2026-08-17', '2026-11-05', '2026-09-05', '书面', '已更换路灯 12 盏', '1 次', '满意']);
    expect(row(ws, 5).slice(0, 7)).toEqual([2, '2026-意-0001', '意见', '吴晓东', '2026-09-15', '关于城关镇中学门口交通安全的意见', '提交']);
    expect(row(ws, 6)[1]).toBe('2026-议-0001');
    expect(row(ws, 6)[15]).toBe('联名代表 5 人：赵文华、钱秀英、孙建国、李春梅、周海涛');
    expect(ws.getCell('A7').value).toBe('建议、批评和意见 2 件（代表评价：满意 1 件，基本满意 0 件，不满意 0 件），议案 1 件。');
  });

  it('rules P3, R3: 走访登记簿 has the visits, the reception visitors and an empty but valid diary section', async () => {
    const { wb } = await write('走访登记簿', { unit: '第一代表小组' });
    const ws = wb.getWorksheet('走访登记簿')!;
    expectLayout(ws, `${ORG} 第一代表小组 走访选民登记簿`, ['序号', '日期', '代表', '走访（来访）对象', '联系电话', '反映的问题和意见', '办理情况'], 'landscape');
    expect(ws.getCell('A4').value).toBe('一、走访座谈活动');
    expect(ws.model.merges).toContain('A4:G4');
    expect(row(ws, 5)).toEqual([1, '2026-09-10', '赵文华、孙建国', '走访幸福村困难户（县人大常委会三楼会议室）', '', '了解困难户生活情况']);
    expect(ws.getCell('A6').value).toBe('二、接待来访选民');
    expect(ws.getCell('A7').value).toBe('本期没有记录。'); // the group holds no reception: the station does
    expect(ws.getCell('A8').value).toBe('三、民情日记');
    expect(ws.getCell('A9').value).toBe('本期没有记录。');
    // Rule P3: diary entries of the unit's deputies in the period, the constituent's phone masked (R6).
    const diary = (visitedOn: string, confirmation: string, key: string) => t.db.diaryEntry.create({ data: {
      orgId: seed.orgId, personId: seed.people['lichunmei']!, visitedOn, visited: '幸福村刘大爷', raised: '村道坑洼', done: '已向镇政府反映',
      confirmation, constituentName: '刘大爷', constituentPhone: '13912345678', sourceKey: key } });
    await diary('2026-09-05', 'contact', 'books-diary-1');
    await diary('2026-10-02', 'contact', 'books-diary-2'); // after the period
    const withDiary = (await write('走访登记簿', { unit: '第一代表小组' })).wb.getWorksheet('走访登记簿')!;
    expect(row(withDiary, 9)).toEqual([1, '2026-09-05', '李春梅', '刘大爷', '139****5678', '村道坑洼', '已向镇政府反映']);
    expect(withDiary.getCell('A10').value).not.toBe('2026-10-02');
    await t.db.diaryEntry.deleteMany({ where: { sourceKey: { startsWith: 'books-diary-' } } });
    const station = (await write('走访登记簿', { unit: '城关镇人大代表联络站' })).wb.getWorksheet('走访登记簿')!;
    expect(row(station, 7)).toEqual([1, '2026-09-01', '李春梅', '王大妈，幸福村3组', '139****5678', '路灯坏了，晚上出行不便', '已交办，县住建局']);
  });

  it('rules R4, R5, S1, S3: 转办簿 lists each assignment with where, when, the answer and satisfaction', async () => {
    const { wb } = await write('转办簿');
    const ws = wb.getWorksheet('转办簿')!;
    expectLayout(ws, `${ORG} 代表意见转办簿`, ['序号', '编号', '事项', '提出人', '转办单位', '转办日期', '办理期限', '答复日期', '答复形式', '答复内容', '满意度'], 'landscape');
    expect(ws.getCell('A4').value).toBe('一、接待选民反映的问题');
    expect(row(ws, 5)).toEqual([1, '接待-1', '路灯坏了，晚上出行不便', '王大妈', '县住建局', '2026-09-03']);
    expect(row(ws, 6)).toEqual([2, '接待-2', '小区门口积水', '张师傅', '城关镇政府', '2026-09-02', '', '2026-09-08', '电话', '已疏通排水沟', '满意']);
    expect(ws.getCell('A7').value).toBe('二、代表建议、批评和意见');
    expect(row(ws, 8)).toEqual([1, '2026-建-0001', '关于幸福村主干道路灯维修的建议', '李春梅', '县住建局', '2026-08-05', '2026-11-05', '2026-09-05', '书面', '已更换路灯 12 盏', '满意']);
  });

  it('rules P1, P2: 履职手册 is one sheet per deputy with attendance, leave, duty, suggestions and motions', async () => {
    const { result, wb } = await write('履职手册', { unit: '第一代表小组' });
    expect(result.sheets.map((s) => s.name)).toEqual(['赵文华', '钱秀英', '孙建国', '李春梅', '周海涛', '吴晓东']);
    const ws = wb.getWorksheet('李春梅')!;
    expectLayout(ws, `${ORG} 第一代表小组 人大代表履职手册`, ['序号', '日期', '类别', '事项', '情况', '备注'], 'portrait', '代表（签名）');
    expect(ws.getCell('A2').value).toBe('期间：2026年第三季度（2026-07-01 至 2026-09-30）　代表：李春梅（乡镇人大代表）　第一代表小组成员、城关镇人大代表联络站副站长');
    const texts = Array.from({ length: lastRow(ws) }, (_, i) => row(ws, i + 1));
    expect(texts).toContainEqual([1, '2026-07-15', '学习', '学习代表法（第一代表小组）', '请假']);
    expect(texts).toContainEqual([2, '2026-08-20', '视察', '视察城关镇农贸市场（第一代表小组）', '出席', '签到 08:50']);
    expect(texts).toContainEqual([1, '2026-07-15', '请假', '学习代表法（第一代表小组）', '已批准', '到市里参加培训，无法参加']);
    expect(texts).toContainEqual([1, '2026-09-01', '接待选民', '城关镇人大代表联络站接待选民日值班', '登记来访 3 人次']);
    expect(texts).toContainEqual([1, '2026-08-01', '提出建议', '2026-建-0001 关于幸福村主干道路灯维修的建议', '已评价', '代表评价：满意']);
    expect(texts).toContainEqual([2, '2026-09-08', '附议议案', '2026-议-0001 关于加快城关镇污水管网建设的议案', '已提交', '联名 5 人']);
    expect(texts.map((r) => r[0])).toContain('五、民情日记、为群众办实事、述职和其他工作');
    // Rule P1: what the deputy recorded by chat, in the period, named by its kind.
    await t.db.recordEntry.create({ data: { orgId: seed.orgId, personId: seed.people['lichunmei']!, kind: 'practical', heldOn: '2026-09-12', text: '帮幸福村修好路灯', attachments: '["m1"]', sourceKey: 'books-entry-1' } });
    const again = (await write('履职手册', { unit: '第一代表小组' })).wb.getWorksheet('李春梅')!;
    expect(Array.from({ length: lastRow(again) }, (_, i) => row(again, i + 1))).toContainEqual([1, '2026-09-12', '办实事', '帮幸福村修好路灯', '附照片 1 张']);
    await t.db.recordEntry.deleteMany({ where: { sourceKey: 'books-entry-1' } });
    expect(texts.map((r) => r[0])).toContain('小计：参加活动 4 次（出席 2，请假 1，缺席 1）；请假申请 1 次；接待值班 1 次，登记来访 3 人次；提出建议、批评和意见 1 件；议案 1 件。');
    // A proxy sign-in is recorded as such (rule A6).
    const sun = wb.getWorksheet('孙建国')!;
    expect(Array.from({ length: lastRow(sun) }, (_, i) => row(sun, i + 1))).toContainEqual([1, '2026-07-15', '学习', '学习代表法（第一代表小组）', '出席', '代签 14:05']);
  });

  it('rule A5: 活动登记表 lists the group\'s collective activities and says it is a draft until a leader confirms', async () => {
    const { wb } = await write('活动登记表', { unit: '第一代表小组' });
    const ws = wb.getWorksheet('活动登记表')!;
    expectLayout(ws, `${ORG} 第一代表小组 代表小组集体活动登记表`,
      ['序号', '活动时间', '活动形式', '活动地点', '活动内容', '应参加', '实参加', '请假', '参加代表', '活动成效及对“一府两院”的意见建议'], 'landscape', '代表小组组长（签名）');
    expect(row(ws, 4).slice(0, 9)).toEqual([1, '2026-07-15 14:00–16:30', '学习', '县人大常委会三楼会议室', '学习代表法：学习代表法第四章', 6, 3, 1, '赵文华、钱秀英、孙建国']);
    expect(row(ws, 6)[0]).toBe(3);
    await t.db.activityForm.create({ data: { orgId: seed.orgId, unitId: seed.units['第一代表小组']!, quarter: SEEDED.quarter, draftedAt: NOW } });
    const draft = (await write('活动登记表', { unit: '第一代表小组' })).wb.getWorksheet('活动登记表')!;
    expect(draft.getCell('A7').value).toBe('本表为草稿，尚未经代表小组组长确认。');
  });

  it('`all` is one workbook with a sheet per book, in the contract\'s order, the handbook as one sheet', async () => {
    const { result, wb } = await write('all');
    expect(wb.worksheets.map((w) => w.name)).toEqual([...BOOK_NAMES]);
    expect(result.sheets.map((s) => s.name)).toEqual([...BOOK_NAMES]);
    expect(result.sheets.find((s) => s.name === '会议登记簿')!.rows).toBe(2); // both groups' meetings
    const handbook = wb.getWorksheet('履职手册')!;
    expect(handbook.getCell('A4').value).toBe('代表：赵文华（县区人大代表）　第一代表小组组长、城关镇人大代表联络站站长');
    for (const ws of wb.worksheets) expect(ws.pageSetup.printTitlesRow).toBe('1:3');
    // The whole organisation: a 单位 column says whose each row is; staff are not on the attendance record.
    expect(row(wb.getWorksheet('会议登记簿')!, 3)[1]).toBe('单位');
    const attendance = wb.getWorksheet('考勤簿')!;
    const names = Array.from({ length: lastRow(attendance) }, (_, i) => row(attendance, i + 1)[1]);
    expect(names).toContain('王国强');
    expect(names).not.toContain('施佳');
  });
});
