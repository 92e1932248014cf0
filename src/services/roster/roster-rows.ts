// Pure: header check, normalisation and per-row validation (rules U1–U5). No I/O.
import { cleanCode, cleanMobile, cleanName, cleanText } from './normalise.ts';
import { channelLabels, fileMessages, rowMessages } from './messages.ts';
import {
  LEVELS,
  OFFICE_UNIT_NAME,
  ROLE_WORDS,
  ROSTER_HEADER,
  ROSTER_OPTIONAL_HEADER,
  RosterFileError,
  STAFF_LEVEL,
  type Channel,
  type Level,
  type RoleInUnit,
  type RosterRow,
  type RowError,
} from './roster-types.ts';

const MAX_NAME = 30;
const MAX_UNIT_NAME = 50;
const MOBILE = /^1[3-9]\d{9}$/;
const ACCOUNT_ID = /^[A-Za-z0-9_.@-]{1,64}$/;

/** Which columns hold a unit and the role in it. */
const UNIT_COLUMNS = [
  { kind: 'group', unitColumn: 5, roleColumn: 6 },
  { kind: 'station', unitColumn: 7, roleColumn: 8 },
] as const;

export interface ParsedTable {
  rows: RosterRow[];
  errors: RowError[];
  /** Every non-blank data row, good or bad (for the "skipped rows" count). */
  dataRowNumbers: number[];
}

export interface RosterTableOptions {
  /**
   * The organisation's departments (rule S1): a 工作人员 row without a group or station whose
   * 工作单位 is one of them is that department's handler, not office staff.
   */
  departments?: ReadonlySet<string>;
}

export function parseRosterTable(table: string[][], options: RosterTableOptions = {}): ParsedTable {
  const rows: RosterRow[] = [];
  const dataRowNumbers: number[] = [];
  const { errors } = parseRosterRecords(table, options, (row) => rows.push(row), (n) => dataRowNumbers.push(n));
  return { rows, errors, dataRowNumbers };
}

/**
 * parseRosterTable one record at a time: each valid row goes to `onRow` as it is read, so a
 * large file is never held as rows; only the errors (all reported) are kept.
 */
export function parseRosterRecords(
  records: Iterable<string[]>,
  options: RosterTableOptions,
  onRow: (row: RosterRow) => void,
  onDataRow: (rowNumber: number) => void = () => {},
): { errors: RowError[]; dataRows: number } {
  const errors: RowError[] = [];
  let optional = -1;
  let rowNumber = 0;
  let dataRows = 0;
  for (const cells of records) {
    rowNumber++;
    if (optional < 0) {
      optional = checkHeader(cells);
      continue;
    }
    if (cells.every((c) => cleanText(c) === '')) continue;
    dataRows++;
    onDataRow(rowNumber);
    const result = parseRow(cells, rowNumber, optional, options.departments);
    if (result.row) onRow(result.row);
    errors.push(...result.errors);
  }
  if (optional < 0) checkHeader(undefined);
  if (dataRows === 0) throw new RosterFileError(fileMessages.noDataRows);
  return { errors, dataRows };
}

/**
 * The header is a contract: surrounding spaces are forgiven, nothing else. The nine columns may
 * be followed by the optional ones, in order; returns how many of those the file has.
 */
export function checkHeader(header: string[] | undefined): number {
  if (!header || header.every((c) => c.trim() === '')) throw new RosterFileError(fileMessages.empty);
  const cells = header.map((c) => c.replace(/^\uFEFF/, '').trim());
  ROSTER_HEADER.forEach((expected, i) => {
    const actual = cells[i] ?? '';
    if (actual !== expected) throw new RosterFileError(fileMessages.headerMismatch(i + 1, expected, actual));
  });
  let optional = 0;
  while (optional < ROSTER_OPTIONAL_HEADER.length && cells[ROSTER_HEADER.length + optional] === ROSTER_OPTIONAL_HEADER[optional]) optional++;
  const width = ROSTER_HEADER.length + optional;
  const extra = cells.findIndex((c, i) => i >= width && c !== '');
  if (extra >= 0) throw new RosterFileError(fileMessages.headerExtra(extra + 1, cells[extra]!));
  return optional;
}

export function parseRow(
  cells: string[], rowNumber: number, optional = 0, departments: ReadonlySet<string> = new Set(),
): { row?: RosterRow; errors: RowError[] } {
  const reasons: string[] = [];
  const name = readName(cells[0], reasons);
  const mobile = readMobile(cells[1], reasons);
  const accounts: RosterRow['accounts'] = {};
  readAccount('wecom', cells[2], accounts, reasons);
  readAccount('dingtalk', cells[3], accounts, reasons);
  const level = readLevel(cells[4], reasons);
  const memberships = UNIT_COLUMNS.flatMap((col) => readMembership(col, cells, reasons));
  const workUnit = optional >= 1 ? readOptional(cells, 0, reasons) : undefined;
  const district = optional >= 2 ? readOptional(cells, 1, reasons) : undefined;
  checkExtraCells(cells, reasons, ROSTER_HEADER.length + optional);
  if (reasons.length > 0) {
    const mobiles = mobile ? [mobile] : [];
    return { errors: reasons.map((reason) => ({ rowNumber, reason, mobiles, ...(name ? { name } : {}) })) };
  }
  // Rule U4: a member of staff listed in no group or station works in the office — unless their
  // work unit is a department the office assigns suggestions to (rule S1): they handle those.
  const handler = workUnit !== undefined && workUnit !== null && departments.has(workUnit);
  if (level === null && memberships.length === 0 && !handler) {
    memberships.push({ kind: 'office', name: OFFICE_UNIT_NAME, role: 'staff' });
  }
  const extras = { ...(workUnit !== undefined ? { workUnit } : {}), ...(district !== undefined ? { district } : {}) };
  return { row: { rowNumber, name: name!, mobile: mobile!, accounts, level: level as Level | null, memberships, ...extras }, errors: [] };
}

function readName(raw: string | undefined, reasons: string[]): string | undefined {
  const name = cleanName(raw);
  if (name === '') reasons.push(rowMessages.nameMissing);
  else if ([...name].length > MAX_NAME) reasons.push(rowMessages.nameTooLong(name, MAX_NAME));
  else return name;
  return undefined;
}

function readMobile(raw: string | undefined, reasons: string[]): string | undefined {
  const mobile = cleanMobile(raw);
  if (mobile === '') reasons.push(rowMessages.mobileMissing);
  else if (!/^\d{11}$/.test(mobile)) reasons.push(rowMessages.mobileLength(cleanText(raw)));
  else if (!MOBILE.test(mobile)) reasons.push(rowMessages.mobileNotMainland(mobile));
  else return mobile;
  return undefined;
}

function readAccount(channel: Channel, raw: string | undefined, into: RosterRow['accounts'], reasons: string[]): void {
  const id = cleanCode(raw);
  if (id === '') return;
  if (ACCOUNT_ID.test(id)) into[channel] = id;
  else reasons.push(rowMessages.accountInvalid(channelLabels[channel], id));
}

/** Returns null for 工作人员, undefined when invalid. */
function readLevel(raw: string | undefined, reasons: string[]): Level | null | undefined {
  const text = cleanText(raw);
  if (text === STAFF_LEVEL) return null;
  if ((LEVELS as readonly string[]).includes(text)) return text as Level;
  reasons.push(text === '' ? rowMessages.levelMissing : rowMessages.levelInvalid(text));
  return undefined;
}

function readMembership(col: (typeof UNIT_COLUMNS)[number], cells: string[], reasons: string[]): RoleInUnit[] {
  const unitLabel = ROSTER_HEADER[col.unitColumn];
  const roleLabel = ROSTER_HEADER[col.roleColumn];
  const unit = cleanText(cells[col.unitColumn]);
  const roleText = cleanText(cells[col.roleColumn]);
  const roles = ROLE_WORDS[col.kind];
  const role = roleText === '' ? 'member' : roles.get(roleText);
  if (unit === '') {
    if (roleText !== '') reasons.push(rowMessages.roleWithoutUnit(roleLabel, roleText, unitLabel));
    return [];
  }
  if (role === undefined) reasons.push(rowMessages.roleInvalid(roleLabel, roleText, [...roles.keys()]));
  if ([...unit].length > MAX_UNIT_NAME) reasons.push(rowMessages.unitNameTooLong(unitLabel, unit, MAX_UNIT_NAME));
  return role === undefined ? [] : [{ kind: col.kind, name: unit, role }];
}

/** An optional column's cell: null when blank. */
function readOptional(cells: string[], index: number, reasons: string[]): string | null {
  const label = ROSTER_OPTIONAL_HEADER[index]!;
  const value = cleanText(cells[ROSTER_HEADER.length + index]);
  if (value === '') return null;
  if ([...value].length > MAX_UNIT_NAME) reasons.push(rowMessages.unitNameTooLong(label, value, MAX_UNIT_NAME));
  return value;
}

function checkExtraCells(cells: string[], reasons: string[], width: number): void {
  for (let i = width; i < cells.length; i++) {
    const value = cleanText(cells[i]);
    if (value !== '') reasons.push(rowMessages.extraCell(i + 1, value, width));
  }
}
