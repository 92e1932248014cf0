// What a register ("book") is, for the writer: a name, a title, columns and the rows of a
// scope (organisation, optional unit, period), laid out for printing. Adding a book is one
// module in books/ that returns these and one line in catalog.ts. Rows are an async iterable,
// read page by page from the database, so a book of any length is written in bounded memory.
import type { BookName } from '../../domain/registers/book-names.ts';
import type { Period } from '../../domain/registers/period.ts';
import type { Privacy } from '../../domain/registers/privacy.ts';
import type { Policy } from '../../domain/policy.ts';
import type { CellInput } from '../../lib/spreadsheet-cell.ts';
import type { Db } from '../../repositories/prisma.ts';

export interface BookScope {
  orgId: number;
  orgName: string;
  /** Undefined: the whole organisation (every unit; a 单位 column says whose each row is). */
  unit?: { id: number; name: string; kind: string };
  period: Period;
  /** What has happened counts: activities that ended by now, the state of things now. */
  now: Date;
  privacy: Privacy;
  policy: Policy;
}

export interface Column {
  header: string;
  /** In characters of a CJK font (exceljs width units). */
  width: number;
  /** An Excel number format for numbers in this column ('0.0%'). */
  numFmt?: string;
  /** Centred (short marks, counts, dates). */
  center?: boolean;
}

export type Line =
  /** A data row; counted in the row count the command line prints. */
  | { kind: 'row'; cells: CellInput[] }
  /** A heading across the sheet (a section of the book, a deputy in the handbook). */
  | { kind: 'section'; title: string }
  /** A remark across the sheet ("本期没有记录"). */
  | { kind: 'note'; text: string }
  /** A totals row, bold. */
  | { kind: 'total'; cells: CellInput[] }
  /** Start a new printed page before the next line. */
  | { kind: 'page_break' };

export interface SheetPlan {
  /** The worksheet's name (the book's short name; unique in a workbook). */
  name: string;
  /** The book's full name in the title row (代表活动考勤簿). */
  title: string;
  /** After the period in the second row (a deputy's name and unit in the handbook). */
  subtitle?: string;
  columns: Column[];
  lines: AsyncIterable<Line>;
  orientation: 'portrait' | 'landscape';
  /** The signature line under the book; the keeper's by default. */
  signature?: string;
}

export interface BookDeps {
  db: Db;
}

export interface BookDefinition {
  name: BookName;
  /** The full name, as the seeds write it. */
  title: string;
  /**
   * The sheets of the book for a scope. `combined`: the book is one sheet of a workbook
   * holding every book (`--book all`), so a book that is several sheets alone (the handbook,
   * one per deputy) makes one sheet with a section each.
   */
  sheets(deps: BookDeps, scope: BookScope, combined: boolean): Promise<SheetPlan[]>;
}

/** The unit column shown when a book covers the whole organisation. */
export const UNIT_COLUMN: Column = { header: '单位', width: 16 };

/** Rows as lines, with a note when there are none. */
export async function* rowsOrNote(rows: AsyncIterable<CellInput[]>, none = '本期没有记录。'): AsyncIterable<Line> {
  let any = false;
  for await (const cells of rows) {
    any = true;
    yield { kind: 'row', cells };
  }
  if (!any) yield { kind: 'note', text: none };
}

/** Numbers each row (序号) as it goes. */
export async function* numbered(rows: AsyncIterable<CellInput[]>): AsyncIterable<CellInput[]> {
  let n = 0;
  for await (const cells of rows) yield [++n, ...cells];
}
