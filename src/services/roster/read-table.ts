// Reads a roster file into rows of cell texts. Index i of the result is spreadsheet row
// i + 1, so blank rows stay in place and error messages can cite the row Excel shows.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { fileMessages } from './messages.ts';
import { RosterFileError } from './roster-types.ts';

export async function readTable(path: string): Promise<string[][]> {
  checkTableType(path);
  return readTableBytes(path, await readFile(path));
}

/** The same for a file's bytes (an upload), typed by its name's extension. */
export async function readTableBytes(name: string, bytes: Uint8Array): Promise<string[][]> {
  const ext = checkTableType(name);
  return ext === '.xlsx' ? readXlsx(bytes) : parseCsv(decodeUtf8(bytes));
}

function checkTableType(name: string): '.csv' | '.txt' | '.xlsx' {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.xlsx') return ext;
  if (ext === '.xls') throw new RosterFileError(fileMessages.oldXls);
  throw new RosterFileError(fileMessages.unsupportedType(name));
}

/**
 * Strict UTF-8: Excel's plain "CSV" is GBK on Chinese Windows, and decoding that
 * leniently would import names as mojibake. The BOM Excel writes for "CSV UTF-8" is dropped.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RosterFileError(fileMessages.notUtf8);
  }
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF or CR end a record. */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"' && field === '') {
      const end = readQuoted(src, i, rows.length + 1);
      field = end.value;
      i = end.next;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  // A final line without a line break still counts; a trailing line break adds no row.
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function readQuoted(src: string, start: number, rowNumber: number): { value: string; next: number } {
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = src.indexOf('"', i);
    if (close < 0) throw new RosterFileError(fileMessages.unclosedQuote(rowNumber));
    value += src.slice(i, close);
    if (src[close + 1] !== '"') return { value, next: close + 1 };
    value += '"';
    i = close + 2;
  }
}

/** First worksheet only; every cell as the text Excel displays (so phone numbers stay digits). */
export async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new RosterFileError(fileMessages.unreadableXlsx((err as Error).message));
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RosterFileError(fileMessages.noWorksheet);
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    while (rows.length < rowNumber - 1) rows.push([]);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  });
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  // Whole numbers (a phone typed into a number cell) must not pick up a number format.
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return cell.text ?? '';
}
