// The roster's optional trailing columns 工作单位 and 选区 (rules U1, S1) against a real SQLite
// file: both file shapes import, a file without the columns leaves stored values alone, and a
// 工作人员 whose work unit is a department becomes its handler, not office staff.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRoster } from '../../src/services/roster/roster-service.ts';
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

const ORG = 'test-county';
const NINE = ROSTER_HEADER.join(',');
const ELEVEN = `${NINE},工作单位,选区`;

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.close());

function csv(name: string, header: string, lines: string[]) {
  const path = join(t.dir, name);
  writeFileSync(path, `\uFEFF${[header, ...lines].join('\r\n')}\r\n`);
  return importRoster(t.db, { orgCode: ORG, orgName: '测试县人大常委会', file: path });
}

const person = (mobile: string) =>
  t.db.person.findFirstOrThrow({ where: { mobile }, include: { memberships: { include: { unit: true } } } });

describe('roster: 工作单位 and 选区 (rule U1)', () => {
  it('rule U1: an eleven-column file stores work unit and district; re-importing it changes nothing', async () => {
    const lines = ['张伟,13800138000,zhangwei,,县区,第一代表小组,组长,,,城关镇中学,城关镇第三选区', '李娜,13800138001,lina,,乡镇,第一代表小组,,,,,'];
    expect(await csv('a.csv', ELEVEN, lines)).toMatchObject({ applied: true, created: 2 });
    expect(await person('13800138000')).toMatchObject({ workUnit: '城关镇中学', district: '城关镇第三选区' });
    expect(await person('13800138001')).toMatchObject({ workUnit: null, district: null });
    expect(await csv('a.csv', ELEVEN, lines)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('rule U1: a nine-column file imports as before and leaves the stored work unit alone', async () => {
    await csv('a.csv', ELEVEN, ['张伟,13800138000,zhangwei,,县区,第一代表小组,组长,,,城关镇中学,城关镇第三选区']);
    expect(await csv('b.csv', NINE, ['张伟,13800138000,zhangwei,,县区,第一代表小组,组长,,'])).toMatchObject({ applied: true, unchanged: 1 });
    expect(await person('13800138000')).toMatchObject({ workUnit: '城关镇中学', district: '城关镇第三选区' });
    // With the column present, a changed cell is an update.
    expect(await csv('c.csv', ELEVEN, ['张伟,13800138000,zhangwei,,县区,第一代表小组,组长,,,县一中,城关镇第三选区'])).toMatchObject({ updated: 1, updatedNames: ['张伟'] });
    expect((await person('13800138000')).workUnit).toBe('县一中');
  });

  it('rule U1: an xlsx file with the two columns reads them too', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名册');
    sheet.addRow([...ROSTER_HEADER, '工作单位', '选区']);
    sheet.addRow(['张伟', '13800138000', 'zhangwei', '', '县区', '第一代表小组', '组长', '', '', '城关镇中学', '第三选区']);
    const path = join(t.dir, 'roster.xlsx');
    await wb.xlsx.writeFile(path);
    expect(await importRoster(t.db, { orgCode: ORG, file: path })).toMatchObject({ applied: true, created: 1 });
    expect(await person('13800138000')).toMatchObject({ workUnit: '城关镇中学', district: '第三选区' });
  });

  it('rule S1: a 工作人员 whose work unit is a department is its handler, not office staff; re-import after adding the department moves them', async () => {
    const line = '李科长,13900000301,likezhang,,工作人员,,,,,县住建局,';
    await csv('a.csv', ELEVEN, [line]);
    expect((await person('13900000301')).memberships.map((m) => m.unit.kind)).toEqual(['office']);
    const org = await t.db.organisation.findUniqueOrThrow({ where: { code: ORG } });
    await t.db.department.create({ data: { orgId: org.id, name: '县住建局' } });
    expect(await csv('a.csv', ELEVEN, [line])).toMatchObject({ updated: 1 });
    expect(await person('13900000301')).toMatchObject({ isStaff: true, workUnit: '县住建局', memberships: [] });
  });
});
