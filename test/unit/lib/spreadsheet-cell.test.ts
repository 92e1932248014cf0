// The one formula-safe cell helper for every CSV and XLSX export: what Excel or WPS would start a
// formula with is written as text; everything else is left exactly as it was.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, formulaSafe, xlsxCellValue } from '../../../src/lib/spreadsheet-cell.ts';

const LIVE = ['=HYPERLINK("http://evil.example","x")', "=cmd|'/C calc'!A0", '+1+1', '-2+3', '@SUM(A1)', '\t=1+1', '\r=1+1', '  =1+1', '＝1+1'];

describe('formula-safe cells', () => {
  it.each(LIVE)('%j gets a leading apostrophe', (value) => {
    expect(formulaSafe(value)).toBe(`'${value}`);
  });

  it.each(['王大妈', '13912345678', '幸福村3组', 'a=b', '', "'already text", '2026-12-07'])('%j is left as it is', (value) => {
    expect(formulaSafe(value)).toBe(value);
  });

  it('CSV fields are formula-safe first, then quoted when they hold a comma, a quote or a line break', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("u","x")')).toBe(`"'=HYPERLINK(""u"",""x"")"`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('路灯坏了,一个月')).toBe('"路灯坏了,一个月"');
    expect(csvCell(-5)).toBe('-5'); // a number is a value, not a formula
    expect(csvCell(null)).toBe('');
    expect(csvLine(['1', '@x', '王'])).toBe("1,'@x,王");
  });

  it('an XLSX written with the helper reads back as text cells, never formulas', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('登记表');
    sheet.addRow([...LIVE, 42].map(xlsxCellValue));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await book.xlsx.writeBuffer());
    const row = back.getWorksheet('登记表')!.getRow(1);
    LIVE.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // (XML folds a CR into a line feed; what matters is the leading apostrophe.)
      expect(cell.value).toBe(`'${value.replace(/\r/g, '\n')}`);
    });
    expect(row.getCell(LIVE.length + 1).value).toBe(42);
  });
});
