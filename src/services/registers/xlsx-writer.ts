// Writes registers as print-ready XLSX with exceljs's streaming writer: each row is committed
// to the file as soon as it is written, so a book of 10,000 rows holds a few rows in memory,
// and the writer yields to the event loop every few hundred rows so the other workers on the
// thread keep going. Every sheet: a merged title row (organisation, unit, book), a second row
// with the period, Chinese column headers, thin borders, A4 (landscape where wide) fitted to
// the page width, the three header rows repeated on every printed page, 第 N 页，共 M 页 in the
// footer, and the keeper's signature line. Every cell goes through the formula-safe helper.
import { renameSync, rmSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
// Types only at the top: exceljs is loaded when a book is written (every thread of the service
// imports this file through the export worker or the console; the package costs ~6 MB of heap each).
import type ExcelJS from 'exceljs';
import type { Period } from '../../domain/registers/period.ts';
import { xlsxCellValue, type CellInput } from '../../lib/spreadsheet-cell.ts';
import type { Column, Line, SheetPlan } from './book.ts';
import { registerText as t } from './messages.ts';

export interface WorkbookHeader {
  orgName: string;
  unitName?: string;
  period: Period;
}

export interface SheetCount {
  name: string;
  rows: number;
}

/** The rows above the data: title, period, column headers (repeated on every printed page). */
export const HEADER_ROWS = 3;
const YIELD_EVERY = 200;
const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = { name: '宋体', size: 11 };
/** 第 N 页，共 M 页, centred (Excel's header/footer codes &P and &N). */
export const PAGE_FOOTER = '&C第 &P 页，共 &N 页';

/**
 * Writes the sheets to `path` (through a temporary file renamed at the end, so a reader never
 * sees half a workbook) and returns each sheet's number of data rows.
 */
export async function writeWorkbook(path: string, header: WorkbookHeader, sheets: Iterable<SheetPlan> | AsyncIterable<SheetPlan>): Promise<SheetCount[]> {
  const partial = `${path}.${process.pid}.part`;
  const { default: excel } = await import('exceljs');
  const book = new excel.stream.xlsx.WorkbookWriter({ filename: partial, useStyles: true, useSharedStrings: false });
  book.creator = header.orgName;
  const counts: SheetCount[] = [];
  try {
    const used = new Set<string>();
    for await (const plan of sheets) counts.push({ name: plan.name, rows: await writeSheet(book, header, plan, sheetName(plan.name, used)) });
    await book.commit();
    renameSync(partial, path);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return counts;
}

async function writeSheet(book: ExcelJS.stream.xlsx.WorkbookWriter, header: WorkbookHeader, plan: SheetPlan, name: string): Promise<number> {
  const sheet = book.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, // A4
      orientation: plan.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `1:${HEADER_ROWS}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
    views: [{ state: 'frozen', ySplit: HEADER_ROWS }],
  });
  sheet.columns = plan.columns.map((c) => ({ width: c.width }));
  const width = Math.max(1, plan.columns.length);
  writeBanner(sheet, [header.orgName, header.unitName, plan.title].filter(Boolean).join(' '), width, { bold: true, size: 16 });
  writeBanner(sheet, t.periodLine(header.period, plan.subtitle), width, { size: 11 });
  writeCells(sheet, plan.columns.map((c) => c.header), plan.columns, { header: true });
  const rows = await writeLines(sheet, plan, width);
  sheet.addRow([]).commit();
  writeBanner(sheet, t.signature(plan.signature), width, { size: 12 }, 'left');
  sheet.commit();
  return rows;
}

/** The lines, each row committed once the next line has said whether a page break follows it. */
async function writeLines(sheet: ExcelJS.Worksheet, plan: SheetPlan, width: number): Promise<number> {
  let rows = 0;
  let pending: ExcelJS.Row | undefined;
  let written = 0;
  for await (const line of plan.lines) {
    if (line.kind === 'page_break') {
      pending?.addPageBreak();
      continue;
    }
    pending?.commit();
    pending = writeLine(sheet, line, plan.columns, width);
    if (line.kind === 'row') rows++;
    if (++written % YIELD_EVERY === 0) await nextTurn();
  }
  pending?.commit();
  return rows;
}

function writeLine(sheet: ExcelJS.Worksheet, line: Exclude<Line, { kind: 'page_break' }>, columns: Column[], width: number): ExcelJS.Row {
  switch (line.kind) {
    case 'row':
      return writeCells(sheet, line.cells, columns, {});
    case 'total':
      return writeCells(sheet, line.cells, columns, { bold: true });
    case 'section':
      return mergedRow(sheet, line.title, width, { bold: true, size: 12 }, 'left');
    case 'note':
      return mergedRow(sheet, line.text, width, { italic: true }, 'left');
  }
}

/** A title line across the sheet, committed at once. */
function writeBanner(sheet: ExcelJS.Worksheet, text: string, width: number, font: Partial<ExcelJS.Font>, align: 'left' | 'center' = 'center'): void {
  const row = mergedRow(sheet, text, width, font, align, false);
  row.commit();
}

function mergedRow(sheet: ExcelJS.Worksheet, text: string, width: number, font: Partial<ExcelJS.Font>, align: 'left' | 'center', bordered = true): ExcelJS.Row {
  const row = sheet.addRow([xlsxCellValue(text)]);
  // Merged before the row is committed: the streaming writer cannot touch a committed row.
  if (width > 1) sheet.mergeCells(row.number, 1, row.number, width);
  for (let c = 1; c <= width; c++) {
    const cell = row.getCell(c);
    cell.font = { ...FONT, ...font };
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
    if (bordered) cell.border = BORDER;
  }
  return row;
}

function writeCells(sheet: ExcelJS.Worksheet, cells: readonly CellInput[], columns: Column[], style: { header?: boolean; bold?: boolean }): ExcelJS.Row {
  const row = sheet.addRow(columns.map((_, i) => xlsxCellValue(cells[i])));
  columns.forEach((column, i) => {
    row.getCell(i + 1).style = cellStyle(column, style);
  });
  return row;
}

/**
 * One style object per kind of cell, shared by every cell of that kind: exceljs finds a
 * shared object's style id in a WeakMap, where a fresh object per cell costs a lookup by its
 * XML (three times slower for a 10,000-row book; scripts/bench-registers.ts).
 */
const STYLES = new Map<string, Partial<ExcelJS.Style>>();

function cellStyle(column: Column, style: { header?: boolean; bold?: boolean }): Partial<ExcelJS.Style> {
  const strong = Boolean(style.header || style.bold);
  const numFmt = column.numFmt && !style.header ? column.numFmt : undefined;
  const key = `${style.header ? 'h' : 'b'}|${strong}|${Boolean(column.center)}|${numFmt ?? ''}`;
  let found = STYLES.get(key);
  if (!found) {
    found = {
      border: BORDER,
      font: { ...FONT, bold: strong },
      alignment: { vertical: 'middle', horizontal: style.header || column.center ? 'center' : 'left', wrapText: true },
      ...(numFmt ? { numFmt } : {}),
      ...(style.header ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEDEDED' } } as ExcelJS.Fill } : {}),
    };
    STYLES.set(key, found);
  }
  return found;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function sheetName(wanted: string, used: Set<string>): string {
  const base = [...wanted.replace(/[[\]:*?/\\]/g, '·')].slice(0, 31).join('') || 'Sheet';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${[...base].slice(0, 28).join('')}(${n})`;
  used.add(name);
  return name;
}
