// Every cell the bot writes into a CSV or XLSX file goes through here, so that no value taken
// from a chat, a roster or the register can become a live formula when staff open the file in
// Excel or WPS ("CSV injection": =HYPERLINK(...) phones home, =cmd|'/C calc'!A0 runs DDE).
// A text that a spreadsheet would read as a formula gets a leading apostrophe, which both
// programs take as "this is text" (OWASP's advice). Numbers and dates pass through as values.

/**
 * What makes a spreadsheet start a formula: = + - @ (and their full-width forms, which WPS may
 * fold, as a precaution), possibly after spaces; or a leading tab, CR or LF, which Excel drops
 * before reading what follows.
 */
const FORMULA_START = /^(?:[\t\r\n]|[ \u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;

/** A text that Excel and WPS show as written and never evaluate. */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type CellInput = string | number | Date | boolean | null | undefined;

/** One CSV field: formula-safe, quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: CellInput): string {
  const text = typeof value === 'string' ? formulaSafe(value) : value instanceof Date ? value.toISOString() : String(value ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without its line break). */
export function csvLine(values: readonly CellInput[]): string {
  return values.map(csvCell).join(',');
}

/**
 * A value for an exceljs cell (`cell.value = xlsxCellValue(v)`, `sheet.addRow(values.map(xlsxCellValue))`):
 * texts are formula-safe; numbers, dates and booleans stay typed. Exports never write
 * formula objects built from data.
 */
export function xlsxCellValue(value: CellInput): string | number | Date | boolean | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? formulaSafe(value) : value;
}
