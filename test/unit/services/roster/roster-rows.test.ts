import { describe, expect, it } from 'vitest';
import { formatRowError } from '../../../../src/services/roster/messages.ts';
import { parseCsv } from '../../../../src/services/roster/read-table.ts';
import { checkHeader, parseRosterTable } from '../../../../src/services/roster/roster-rows.ts';
import { ROSTER_HEADER, RosterFileError } from '../../../../src/services/roster/roster-types.ts';

const HEADER = ROSTER_HEADER.join(',');

/** A table from CSV lines after the header; line i is spreadsheet row i + 2. */
function table(...lines: string[]): string[][] {
  return parseCsv([HEADER, ...lines].join('\r\n'));
}

function errorsOf(...lines: string[]): string[] {
  return parseRosterTable(table(...lines)).errors.map(formatRowError);
}

describe('roster header (a contract with outside tools)', () => {
  it('accepts the exact header, forgiving spaces around cells and trailing blank cells', () => {
    expect(() => checkHeader(ROSTER_HEADER.map((h) => ` ${h}\t`).concat(['', ' ']))).not.toThrow();
  });

  it('names the expected header when a column is renamed', () => {
    const header = [...ROSTER_HEADER] as string[];
    header[2] = '微信号';
    expect(() => checkHeader(header)).toThrow(RosterFileError);
    expect(() => checkHeader(header)).toThrow(`表头第 3 列应为「企业微信账号」，实际是「微信号」。表头必须是：${HEADER}`);
  });

  it('refuses a missing last column', () => {
    expect(() => checkHeader(ROSTER_HEADER.slice(0, 8))).toThrow(/第 9 列应为「联络站职务」，实际是空白/);
  });

  it('refuses columns in another order', () => {
    const header = [ROSTER_HEADER[1], ROSTER_HEADER[0], ...ROSTER_HEADER.slice(2)];
    expect(() => checkHeader(header)).toThrow(/第 1 列应为「姓名」，实际是「手机号」/);
  });

  it('refuses an extra named column', () => {
    expect(() => checkHeader([...ROSTER_HEADER, '备注'])).toThrow(/第 10 列「备注」是多余的/);
  });

  it('refuses an empty file and a file with only the header', () => {
    expect(() => parseRosterTable([])).toThrow(/文件是空的/);
    expect(() => parseRosterTable(table('', ' , '))).toThrow(/只有表头/);
  });
});

describe('roster rows', () => {
  it('reads a deputy row into a normalised row with group and station roles (rules U2, U3)', () => {
    const { rows, errors } = parseRosterTable(table('张伟,13800138000,zhangwei,dt_001,县区,第一代表小组,组长,城关镇联络站,副站长'));
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        rowNumber: 2,
        name: '张伟',
        mobile: '13800138000',
        accounts: { wecom: 'zhangwei', dingtalk: 'dt_001' },
        level: '县区',
        memberships: [
          { kind: 'group', name: '第一代表小组', role: 'leader' },
          { kind: 'station', name: '城关镇联络站', role: 'vice_head' },
        ],
      },
    ]);
  });

  it('maps every role word', () => {
    const { rows } = parseRosterTable(
      table(
        '甲,13800000001,,,乡镇,组A,副组长,站A,站长',
        '乙,13800000002,,,乡镇,组A,联络员,站A,联络员',
        '丙,13800000003,,,乡镇,组A,成员,站A,成员',
      ),
    );
    expect(rows.map((r) => r.memberships.map((m) => m.role))).toEqual([
      ['vice_leader', 'head'],
      ['liaison', 'liaison'],
      ['member', 'member'],
    ]);
  });

  it('treats a unit with a blank role as 成员', () => {
    const { rows } = parseRosterTable(table('张伟,13800138000,,,市,第一代表小组,,东河镇代表之家,'));
    expect(rows[0]!.memberships.map((m) => m.role)).toEqual(['member', 'member']);
  });

  it('normalises full-width input, padded names and phone separators', () => {
    const { rows, errors } = parseRosterTable(
      table('　张　伟　,１３８ ００１３-８０００,ｚｈａｎｇｗｅｉ,,　全国 ,第１代表小组,组长,,'),
    );
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({
      name: '张伟',
      mobile: '13800138000',
      accounts: { wecom: 'zhangwei' },
      level: '全国',
      memberships: [{ kind: 'group', name: '第1代表小组', role: 'leader' }],
    });
  });

  it('reads quoted fields with commas and BOM-prefixed files', () => {
    const { rows } = parseRosterTable(parseCsv(`\uFEFF${HEADER}\r\n"张伟",13800138000,,,县区,"第一组,城关",组长,,\r\n`));
    expect(rows[0]!.memberships[0]!.name).toBe('第一组,城关');
  });

  it('rule U4: a 工作人员 row with no group or station makes the person office staff', () => {
    const { rows } = parseRosterTable(table('王芳,13900000001,wangfang,,工作人员,,,,'));
    expect(rows[0]).toMatchObject({
      level: null,
      memberships: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }],
    });
  });

  it('a 工作人员 row with a station is a station role, not office staff', () => {
    const { rows } = parseRosterTable(table('王芳,13900000001,,,工作人员,,,城关镇联络站,联络员'));
    expect(rows[0]!.memberships).toEqual([{ kind: 'station', name: '城关镇联络站', role: 'liaison' }]);
  });

  it('skips blank lines and keeps spreadsheet row numbers', () => {
    const parsed = parseRosterTable(table('', '张伟,13800138000,,,县区,,,,', ',,,,,,,,', '李娜,1380013,,,县区,,,,'));
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([3]);
    expect(parsed.dataRowNumbers).toEqual([3, 5]);
    expect(parsed.errors.map(formatRowError)).toEqual(['第 5 行：手机号「1380013」不是 11 位手机号']);
  });
});

describe('roster row errors (with spreadsheet row numbers)', () => {
  it('phone: missing, wrong length, not a mainland mobile', () => {
    expect(errorsOf('张伟,,,,县区,,,,', '李娜,1380013800,,,县区,,,,', '王芳,12800138000,,,县区,,,,')).toEqual([
      '第 2 行：手机号为空',
      '第 3 行：手机号「1380013800」不是 11 位手机号',
      '第 4 行：手机号「12800138000」不是有效的大陆手机号（应以 13–19 开头）',
    ]);
  });

  it('name: missing or too long', () => {
    expect(errorsOf(',13800138000,,,县区,,,,', `${'长'.repeat(31)},13800138001,,,县区,,,,`)).toEqual([
      '第 2 行：姓名为空',
      `第 3 行：姓名「${'长'.repeat(31)}」超过 30 个字`,
    ]);
  });

  it('rule U1: level must be one of the five levels or 工作人员', () => {
    expect(errorsOf('张伟,13800138000,,,,,,,', '李娜,13800138001,,,区级,,,,')).toEqual([
      '第 2 行：代表层级为空（应为 乡镇/县区/市/省/全国/工作人员 之一）',
      '第 3 行：代表层级「区级」应为 乡镇/县区/市/省/全国/工作人员 之一',
    ]);
  });

  it('accounts: letters, digits and _ . @ - only, at most 64', () => {
    expect(errorsOf('张伟,13800138000,张伟,,县区,,,,', `李娜,13800138001,,${'a'.repeat(65)},县区,,,,`)).toEqual([
      '第 2 行：企业微信账号「张伟」只能包含字母、数字和 _ . @ -，且不超过 64 个字符',
      `第 3 行：钉钉账号「${'a'.repeat(65)}」只能包含字母、数字和 _ . @ -，且不超过 64 个字符`,
    ]);
  });

  it('rules U2, U3: unknown role words and a role without a unit', () => {
    expect(errorsOf('张伟,13800138000,,,县区,第一组,站长,,', '李娜,13800138001,,,县区,,组长,,', '王芳,13800138002,,,县区,,,,站长')).toEqual([
      '第 2 行：小组职务「站长」应为 组长/副组长/联络员/记录员/成员 之一',
      '第 3 行：填了小组职务「组长」，但代表小组为空',
      '第 4 行：填了联络站职务「站长」，但联络站为空',
    ]);
  });

  it('reports content beyond the ninth column (usually an unquoted comma)', () => {
    expect(errorsOf('张伟,13800138000,,,县区,第一组,组长,,,多余')).toEqual([
      '第 2 行：第 10 列有多余内容「多余」（表头只有 9 列，可能是某个单元格里有英文逗号）',
    ]);
  });

  it('lists every problem of a row and ties it to the phone when the phone is readable', () => {
    const { errors } = parseRosterTable(table('张伟,13800138000,bad id,,处级,,,,'));
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.mobiles[0] === '13800138000' && e.name === '张伟')).toBe(true);
  });
});

describe('the optional columns 工作单位 and 选区 (rule U1)', () => {
  const WIDE = `${HEADER},工作单位,选区`;
  const wide = (...lines: string[]) => parseCsv([WIDE, ...lines].join('\r\n'));

  it('rule U1: a file with the nine columns only reads as before: no work unit or district at all', () => {
    const { rows } = parseRosterTable(table('张伟,13800138000,,,县区,第一组,组长,,'));
    expect(rows[0]).not.toHaveProperty('workUnit');
    expect(rows[0]).not.toHaveProperty('district');
  });

  it('rule U1: the two trailing columns are read; a blank cell is null', () => {
    const { rows, errors } = parseRosterTable(wide('张伟,13800138000,,,县区,第一组,组长,,,城关镇中学,城关镇第三选区', '李娜,13800138001,,,乡镇,第一组,,,,,'));
    expect(errors).toEqual([]);
    expect(rows.map((r) => [r.workUnit, r.district])).toEqual([['城关镇中学', '城关镇第三选区'], [null, null]]);
  });

  it('rule U1: 工作单位 alone may follow; 选区 without 工作单位 before it, or another column, is refused', () => {
    expect(checkHeader([...ROSTER_HEADER, '工作单位'])).toBe(1);
    expect(checkHeader([...ROSTER_HEADER, '工作单位', '选区'])).toBe(2);
    expect(checkHeader([...ROSTER_HEADER])).toBe(0);
    expect(() => checkHeader([...ROSTER_HEADER, '选区'])).toThrow(/第 10 列「选区」是多余的.*其后可依次加「工作单位」「选区」两列/);
    expect(() => checkHeader([...ROSTER_HEADER, '工作单位', '选区', '备注'])).toThrow(/第 12 列「备注」是多余的/);
  });

  it('a cell beyond the file\'s own columns is reported with the file\'s width', () => {
    const parsed = parseRosterTable(parseCsv([`${HEADER},工作单位`, '张伟,13800138000,,,县区,,,,,城关镇中学,多余'].join('\n')));
    expect(parsed.errors.map(formatRowError)).toEqual(['第 2 行：第 11 列有多余内容「多余」（表头只有 10 列，可能是某个单元格里有英文逗号）']);
  });

  it('rule S1: a 工作人员 whose work unit is a department handles its suggestions and is not office staff', () => {
    const departments = new Set(['县住建局']);
    const { rows } = parseRosterTable(wide('李科长,13900000301,likezhang,,工作人员,,,,,县住建局,', '王芳,13900000001,,,工作人员,,,,,县人大常委会办公室,'), { departments });
    expect(rows[0]).toMatchObject({ level: null, memberships: [], workUnit: '县住建局' });
    expect(rows[1]!.memberships).toEqual([{ kind: 'office', name: '人大常委会办公室', role: 'staff' }]);
  });
});

describe('rule U2: a group\'s recorder', () => {
  it('记录员 is accepted as a group role with the liaison\'s rights', async () => {
    const { UNIT_LEAD_ROLES } = await import('../../../../src/domain/roles.ts');
    const { rows, errors } = parseRosterTable(table('张伟,13800138000,zhangwei,,乡镇,第一组,记录员,,'));
    expect(errors).toEqual([]);
    expect(rows[0]!.memberships).toEqual([{ kind: 'group', name: '第一组', role: 'recorder' }]);
    expect(UNIT_LEAD_ROLES).toContain('recorder');
    expect(UNIT_LEAD_ROLES).toContain('liaison');
  });
});
