import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvRecords, decodeUtf8, parseCsv, readXlsx } from '../../../../src/services/roster/read-table.ts';
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

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops the BOM Excel writes for "CSV UTF-8"', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('张伟')]);
    expect(decodeUtf8(bytes)).toBe('张伟');
  });

  it('refuses a GBK file with one sentence telling how to save it', () => {
    const gbk = new Uint8Array([0xd5, 0xc5, 0xce, 0xb0, 0x2c, 0x31]); // "张伟,1" in GBK
    expect(() => decodeUtf8(gbk)).toThrow(RosterFileError);
    expect(() => decodeUtf8(gbk)).toThrow(/CSV UTF-8.*xlsx/);
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
