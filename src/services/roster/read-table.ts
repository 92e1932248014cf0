// Reads a roster file into rows of cell texts. Index i of the result is spreadsheet row
// i + 1, so blank rows stay in place and error messages can cite the row Excel shows.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
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
 * The rows one at a time, a CSV's read from the file a block at a time as they are taken: the
 * roster import keeps what each row says about a person, never the file or a table. The file is
 * checked to be UTF-8 first (one pass over its blocks), so a file that is not is refused before
 * anything else is said about it.
 */
export async function readRecords(path: string): Promise<Iterable<string[]>> {
  if (checkTableType(path) === '.xlsx') return readXlsx(await readFile(path));
  await checkUtf8File(path);
  // Read when iterated: the generator, its open file and its block live only while rows are taken.
  return { [Symbol.iterator]: () => csvBlockRecords(fileBlocks(path)) };
}

export async function readRecordBytes(name: string, bytes: Uint8Array): Promise<Iterable<string[]>> {
  const ext = checkTableType(name);
  if (ext === '.xlsx') return readXlsx(bytes);
  if (!isUtf8(bytes)) throw new RosterFileError(fileMessages.notUtf8);
  // The BOM Excel writes for "CSV UTF-8" is dropped (csvBlockRecords).
  return { [Symbol.iterator]: () => csvBlockRecords([bytes]) };
}

function checkTableType(name: string): '.csv' | '.txt' | '.xlsx' {
  const ext = extname(name).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.xlsx') return ext;
  if (ext === '.xls') throw new RosterFileError(fileMessages.oldXls);
  throw new RosterFileError(fileMessages.unsupportedType(name));
}

/** How much of a file is read at once. */
export const BLOCK_BYTES = 1 << 20;

/** The file's bytes a block at a time (the same buffer each time: a block is used before the next is read). */
export function* fileBlocks(path: string, blockBytes = BLOCK_BYTES): Generator<Uint8Array> {
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(blockBytes);
    for (let n; (n = readSync(fd, block, 0, blockBytes, null)) > 0; ) yield block.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Strict UTF-8, checked a block at a time without decoding: Excel's plain "CSV" is GBK on
 * Chinese Windows, and decoding that leniently would import names as mojibake.
 */
export async function checkUtf8File(path: string, blockBytes = BLOCK_BYTES): Promise<void> {
  const file = await open(path, 'r');
  try {
    const block = Buffer.allocUnsafe(blockBytes + 3);
    // A character cut by the block's end: its first bytes, moved to the front of the next block.
    let carried = 0;
    for (let n; (n = (await file.read(block, carried, blockBytes, null)).bytesRead) > 0; ) {
      const end = wholeCharacters(block, carried + n);
      if (!isUtf8(block.subarray(0, end))) throw new RosterFileError(fileMessages.notUtf8);
      carried = block.copy(block, 0, end, carried + n);
    }
    if (carried > 0) throw new RosterFileError(fileMessages.notUtf8);
  } finally {
    await file.close();
  }
}

/** The length of `bytes[0, length)` up to the last whole UTF-8 character (what follows may be cut). */
function wholeCharacters(bytes: Uint8Array, length: number): number {
  for (let back = 1; back <= Math.min(3, length); back++) {
    const byte = bytes[length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: its lead is further back
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return size > back ? length - back : length;
  }
  return length; // not UTF-8 at all: isUtf8 says so
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF or CR end a record. */
export function parseCsv(text: string): string[][] {
  return [...csvRecords(text)];
}

/** csvBlockRecords for a text in memory. */
export function csvRecords(text: string): Generator<string[]> {
  return csvBlockRecords([Buffer.from(text, 'utf8')]);
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * parseCsv one record at a time over the bytes of a UTF-8 file, given in blocks (a record may
 * span blocks): neither the file nor its text is ever held whole, and every field is a string
 * of its own, decoded from its bytes (a slice of a larger text would keep all of that text
 * alive for as long as the import keeps the field). The commas, quotes and line breaks that
 * delimit fields are ASCII, never part of a multi-byte character, so fields are found on the
 * bytes. The blocks must be UTF-8 (checkUtf8File); a block may be reused once the next is asked for.
 */
export function* csvBlockRecords(blocks: Iterable<Uint8Array>): Generator<string[]> {
  // The unfinished record's bytes, copied (the block they came from may be reused).
  let pending = Buffer.alloc(0);
  let records = 0;
  let started = false;
  for (const block of blocks) {
    const bytes = pending.length > 0 ? Buffer.concat([pending, block]) : Buffer.from(block.buffer, block.byteOffset, block.byteLength);
    let at = 0;
    if (!started) {
      if (bytes.length < BOM.length && bytes.every((b, i) => b === BOM[i])) {
        pending = Buffer.from(bytes); // the start of a BOM: wait for more
        continue;
      }
      started = true;
      if (BOM.every((b, i) => bytes[i] === b)) at = BOM.length;
    }
    for (let r; (r = scanRecord(bytes, at, false, records + 1)); at = r.next, records++) yield r.fields;
    pending = Buffer.from(bytes.subarray(at));
  }
  let at = !started && BOM.every((b, i) => pending[i] === b) ? BOM.length : 0;
  for (let r; at < pending.length && (r = scanRecord(pending, at, true, records + 1)); at = r.next, records++) yield r.fields;
}

/**
 * The record that starts at `start`, and where the next one starts; null when the bytes end
 * before the record does and more may come (`final` false), or when nothing but an empty line
 * end is left (`final`).
 */
function scanRecord(bytes: Buffer, start: number, final: boolean, rowNumber: number): { fields: string[]; next: number } | null {
  const row: string[] = [];
  let field = '';
  let i = start;
  while (i < bytes.length) {
    const ch = bytes[i];
    if (ch === QUOTE && field === '') {
      const end = readQuoted(bytes, i, final, rowNumber);
      if (!end) return null;
      field = end.value;
      i = end.next;
    } else if (ch === COMMA) {
      row.push(field);
      field = '';
      i++;
    } else if (ch === CR || ch === LF) {
      // A CR at the end of a block may be the first half of a CRLF.
      if (ch === CR && i + 1 === bytes.length && !final) return null;
      row.push(field);
      return { fields: row, next: i + (ch === CR && bytes[i + 1] === LF ? 2 : 1) };
    } else {
      // A quote inside a field that has begun is an ordinary character.
      let j = i + 1;
      for (let c = bytes[j]; j < bytes.length && c !== COMMA && c !== CR && c !== LF; c = bytes[++j]);
      field += bytes.toString('utf8', i, j);
      i = j;
    }
  }
  if (!final) return null;
  // A final line without a line break still counts; a trailing line break adds no row.
  return field !== '' || row.length > 0 ? { fields: [...row, field], next: i } : null;
}

function readQuoted(bytes: Buffer, start: number, final: boolean, rowNumber: number): { value: string; next: number } | null {
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = bytes.indexOf(QUOTE, i);
    if (close < 0 || (close + 1 === bytes.length && !final)) {
      if (final) throw new RosterFileError(fileMessages.unclosedQuote(rowNumber));
      return null; // the quote may close, or be doubled, in the next block
    }
    value += bytes.toString('utf8', i, close);
    if (bytes[close + 1] !== QUOTE) return { value, next: close + 1 };
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
