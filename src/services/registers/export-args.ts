// Pure: the `npm run export` command line (a contract for tools outside the repo). Every
// problem is one line naming its flag, all reported at once; the unit and the organisation are
// checked against the database by scripts/export.ts.
import { parseArgs } from 'node:util';
import { BOOK_NAMES, parseBookName, type BookName } from '../../domain/registers/book-names.ts';
import { periodFromFlags, type Period } from '../../domain/registers/period.ts';

export const EXPORT_USAGE = `usage: npm run export -- --book NAME|all [--unit UNIT] --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE.xlsx] [--unmasked] [--org CODE]`;

export interface ExportArgs {
  book: BookName | 'all';
  unitName?: string;
  period: Period;
  out?: string;
  unmasked: boolean;
  orgCode?: string;
}

export type ParsedExportArgs = { ok: true; args: ExportArgs } | { ok: false; problems: string[] };

export const exportArgMessages = {
  unknownFlag: (detail: string) => `${detail.split('\n')[0]}；${EXPORT_USAGE}`,
  missing: (flag: string, example: string) => `${flag}: 缺少，例如 ${flag} ${example}`,
  unknownBook: (name: string) => `--book: 没有名为「${name}」的台帐；请用 ${BOOK_NAMES.join('、')} 或 all`,
  badOut: (out: string) => `--out: 「${out}」应以 .xlsx 结尾`,
  emptyUnit: '--unit: 单位名称不能为空；导出全组织时不写 --unit',
};

export function parseExportArgs(argv: string[]): ParsedExportArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { book: { type: 'string' }, unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, unmasked: { type: 'boolean' }, org: { type: 'string' } },
    }).values;
  } catch (err) {
    return { ok: false, problems: [exportArgMessages.unknownFlag((err as Error).message)] };
  }
  const problems: string[] = [];
  const bookText = values.book as string | undefined;
  const book = bookText === undefined ? undefined : bookText.trim().toLowerCase() === 'all' ? 'all' : parseBookName(bookText);
  if (bookText === undefined) problems.push(exportArgMessages.missing('--book', '考勤簿'));
  else if (!book) problems.push(exportArgMessages.unknownBook(bookText));
  const unitName = (values.unit as string | undefined)?.trim();
  if (values.unit !== undefined && !unitName) problems.push(exportArgMessages.emptyUnit);
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (from === undefined) problems.push(exportArgMessages.missing('--from', '2026-10-01'));
  if (to === undefined) problems.push(exportArgMessages.missing('--to', '2026-12-31'));
  const period = from !== undefined && to !== undefined ? periodFromFlags(from, to) : undefined;
  if (period && !period.ok) problems.push(period.message);
  const out = values.out as string | undefined;
  if (out !== undefined && !/\.xlsx$/i.test(out.trim())) problems.push(exportArgMessages.badOut(out));
  if (problems.length || !book || !period?.ok) return { ok: false, problems };
  return { ok: true, args: { book, unitName: unitName || undefined, period: period.period, out: out?.trim(), unmasked: values.unmasked === true, orgCode: values.org as string | undefined } };
}
