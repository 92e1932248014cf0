import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkUtf8File, csvBlockRecords, csvRecords, fileBlocks, parseCsv, readRecordBytes, readXlsx } from '../../../../src/services/roster/read-table.ts';
import { RosterFileError } from '../../../../src/services/roster/roster-types.ts';

describe('parseCsv', () => {
  it('splits records on CRLF, LF and CR alike', () => {
    expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('"张,伟","say ""hi""","line1\r\nline2",x\r\n')).toEqual([
      ['张,伟', 'say "hi"', 'line1\r\nline2', 'x'],
    ]);
  });

  it('drops a leading BOM and adds no row for the trailing line break', () => {
    expect(parseCsv('\uFEFF姓名,手机号\r\n')).toEqual([['姓名', '手机号']]);
  });

  it('keeps blank lines in place so row numbers match the spreadsheet', () => {
    const rows = parseCsv('h\r\n\r\nx\r\n');
    expect(rows).toEqual([['h'], [''], ['x']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,c,\n')).toEqual([['a', '', 'c', '']]);
  });

  it('refuses an unclosed quote, naming the row', () => {
    expect(() => parseCsv('h\n"abc,def\n')).toThrow(/第 2 行：引号没有闭合/);
  });
});

describe('csvRecords', () => {
  it('hands out one record at a time: a bad line further down is met only when it is reached', () => {
    const records = csvRecords('h1,h2\r\n"a,1",b\r\n"never closed\r\n');
    expect(records.next().value).toEqual(['h1', 'h2']);
    expect(records.next().value).toEqual(['a,1', 'b']);
    expect(() => records.next()).toThrow(/第 3 行：引号没有闭合/);
  });
});

describe('csvBlockRecords (a file read a block at a time)', () => {
  // Every case the grammar has, with multi-byte characters, so block edges fall inside each.
  const text = '\uFEFF姓名,手机号,备注\r\n"张,伟",13800138000,"说 ""好"""\r\n\r\n李娜,13900139000,"两行\r\n备注"\n王芳,1,x"y\r' +
    '"",,\r\n赵四,2,"末尾"';
  const bytes = Buffer.from(text, 'utf8');
  const whole = [...csvBlockRecords([bytes])];

  it('reads the same records whatever the block size, a record, a character or a CRLF cut by a block edge', () => {
    expect(whole).toEqual([
      ['姓名', '手机号', '备注'],
      ['张,伟', '13800138000', '说 "好"'],
      [''],
      ['李娜', '13900139000', '两行\r\n备注'],
      ['王芳', '1', 'x"y'],
      ['', '', ''],
      ['赵四', '2', '末尾'],
    ]);
    for (let size = 1; size <= bytes.length; size++) {
      // One buffer refilled for every block, as fileBlocks does.
      const blocks = function* () {
        const block = Buffer.alloc(size);
        for (let at = 0; at < bytes.length; at += size) yield block.subarray(0, bytes.copy(block, 0, at, at + size));
      };
      expect([...csvBlockRecords(blocks())], `blocks of ${size} bytes`).toEqual(whole);
    }
  });

  it('names the row of a quote that never closes, however the file is cut', () => {
    const bad = Buffer.from('h\n"abc,def\nx,y\n', 'utf8');
    for (const size of [1, 2, 5, bad.length]) {
      const blocks = Array.from({ length: Math.ceil(bad.length / size) }, (_, i) => bad.subarray(i * size, (i + 1) * size));
      expect(() => [...csvBlockRecords(blocks)]).toThrow(/第 2 行：引号没有闭合/);
    }
  });
});

describe('a roster file on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-table-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('is read in blocks into the records the whole text gives', () => {
    const text = '姓名,手机号\r\n' + Array.from({ length: 300 }, (_, i) => `代表${i},"1380013${String(i).padStart(4, '0')}"`).join('\r\n');
    const path = file('blocks.csv', Buffer.from(text, 'utf8'));
    expect([...csvBlockRecords(fileBlocks(path, 7))]).toEqual(parseCsv(text));
  });

  it('is checked to be UTF-8 a block at a time: a character across two blocks is accepted, GBK is refused', async () => {
    const utf8 = file('utf8.csv', Buffer.from('张伟李娜王芳😀,1\n', 'utf8'));
    for (const size of [1, 2, 3, 4, 5, 64]) await expect(checkUtf8File(utf8, size)).resolves.toBeUndefined();
    const gbk = file('gbk.csv', new Uint8Array([0x68, 0x0a, 0xd5, 0xc5, 0xce, 0xb0, 0x2c, 0x31])); // "h\n张伟,1" in GBK
    for (const size of [1, 3, 64]) await expect(checkUtf8File(gbk, size)).rejects.toThrow(/CSV UTF-8.*xlsx/);
    const cut = file('cut.csv', Buffer.from('张伟', 'utf8').subarray(0, 5)); // ends inside a character
    await expect(checkUtf8File(cut, 2)).rejects.toThrow(RosterFileError);
  });
});

describe('readRecordBytes (an upload)', () => {
  it('reads UTF-8 and drops the BOM Excel writes for "CSV UTF-8"', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('张伟')]);
    expect([...(await readRecordBytes('名册.csv', bytes))]).toEqual([['张伟']]);
  });

  it('refuses a GBK file with one sentence telling how to save it', async () => {
    const gbk = new Uint8Array([0xd5, 0xc5, 0xce, 0xb0, 0x2c, 0x31]); // "张伟,1" in GBK
    await expect(readRecordBytes('名册.csv', gbk)).rejects.toThrow(RosterFileError);
    await expect(readRecordBytes('名册.csv', gbk)).rejects.toThrow(/CSV UTF-8.*xlsx/);
  });
});

describe('readXlsx', () => {
  async function workbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('名册'));
    wb.addWorksheet('other').addRow(['ignored']);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads the first worksheet, phone numbers typed as numbers stay digits', async () => {
    const bytes = await workbook((sheet) => {
      sheet.addRow(['姓名', '手机号']);
      sheet.addRow(['张伟', 13800138000]);
    });
    expect(await readXlsx(bytes)).toEqual([
      ['姓名', '手机号'],
      ['张伟', '13800138000'],
    ]);
  });

  it('keeps blank rows in place so row numbers match Excel', async () => {
    const bytes = await workbook((sheet) => {
      sheet.getCell('A1').value = 'h';
      sheet.getCell('A3').value = 'x';
    });
    expect(await readXlsx(bytes)).toEqual([['h'], [], ['x']]);
  });

  it('refuses bytes that are not an xlsx file', async () => {
    await expect(readXlsx(new TextEncoder().encode('not a zip'))).rejects.toThrow(/无法读取 xlsx 文件/);
  });
});
