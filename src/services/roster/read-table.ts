// Reads a roster file into rows of cell texts. Index i of the result is spreadsheet row
// i + 1, so blank rows stay in place and error messages can cite the row Excel shows.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { fileMessages } from './messages.ts';
import { RosterFileError } from './roster-types.ts';

export async function readTable(path: string): Promise<string[][]> {
  return [...(await readRecords(path))];
}

/** The same for a file's bytes (an upload), typed by its name's extension. */
export async function readTableBytes(name: string, bytes: Uint8Array): Promise<string[][]> {
  return [...(await readRecordBytes(name, bytes))];
}

/**
 * The rows one at a time (a CSV's are parsed as they are taken): the roster import keeps what
 * each row says about a person, never the table. The whole file is decoded first, so a file
 * that is not UTF-8 is refused before anything else is said about it.
 */
export async function readRecords(path: string): Promise<Iterable<string[]>> {
  checkTableType(path);
  return readRecordBytes(path, await readFile(path));
}

export async function readRecordBytes(name: string, bytes: Uint8Array): Promise<Iterable<string[]>> {
  const ext = checkTableType(name);
  return ext === '.xlsx' ? readXlsx(bytes) : csvRecords(decodeUtf8(bytes));
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
  return [...csvRecords(text)];
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * parseCsv one record at a time, so a large roster is never held as a table of cells: the
 * import validates and merges each row as it comes. Runs of plain characters are taken as one
 * slice (a character at a time would build a rope of thousands of string pieces per row).
 */
export function* csvRecords(text: string): Generator<string[]> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let row: string[] = [];
  let field = '';
  let records = 0;
  let i = 0;
  while (i < src.length) {
    const ch = src.charCodeAt(i);
    if (ch === QUOTE && field === '') {
      const end = readQuoted(src, i, records + 1);
      field = end.value;
      i = end.next;
    } else if (ch === COMMA) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === CR || ch === LF) {
      row.push(field);
      records++;
      yield row;
      row = [];
      field = '';
      i += ch === CR && src.charCodeAt(i + 1) === LF ? 2 : 1;
    } else {
      // A quote inside a field that has begun is an ordinary character.
      let j = i + 1;
      for (let c = src.charCodeAt(j); j < src.length && c !== COMMA && c !== CR && c !== LF; c = src.charCodeAt(++j));
      field += src.slice(i, j);
      i = j;
    }
  }
  // A final line without a line break still counts; a trailing line break adds no row.
  if (field !== '' || row.length > 0) yield [...row, field];
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
  // Loaded only for a workbook: exceljs takes longer to load than a CSV roster of 10,000 rows to import.
  const { default: ExcelJS } = await import('exceljs');
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
