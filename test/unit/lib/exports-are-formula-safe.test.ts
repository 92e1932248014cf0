// Rule R6 and the house rule "exports are formula-safe", for exports not written yet: any source
// file that writes a workbook or CSV text must build its cells with src/lib/spreadsheet-cell.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** Signs that a file writes a spreadsheet: an exceljs sheet or workbook output, or CSV lines (CRLF). */
const WRITES_SPREADSHEET = /addWorksheet\(|\.addRow\(|writeBuffer\(|\.xlsx\.write|\.csv\.write|text\/csv|join\(['"`]\\r\\n['"`]\)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(e.name) ? [path] : [];
  });
}

describe('every CSV and XLSX export uses the formula-safe cell helper', () => {
  it('files that write spreadsheets import src/lib/spreadsheet-cell.ts', () => {
    const writers = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'scripts'))]
      .filter((f) => !f.endsWith('spreadsheet-cell.ts'))
      .filter((f) => WRITES_SPREADSHEET.test(readFileSync(f, 'utf8')));
    const unsafe = writers.filter((f) => !/spreadsheet-cell\.ts['"]/.test(readFileSync(f, 'utf8')));
    expect(unsafe.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the register export is one of them', () => {
    expect(readFileSync(join(ROOT, 'src/services/register/register-export.ts'), 'utf8')).toMatch(/spreadsheet-cell\.ts['"]/);
  });
});
