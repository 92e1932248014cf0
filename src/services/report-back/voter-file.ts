// Rule E3: the eligible-voter list of a report-back meeting, imported like a roster. The header
// row is a contract:
//
//   姓名,手机号,企业微信账号
//
// 企业微信账号 may be left out (as a column or per row). A voter who is on the roster (by phone or
// WeCom account) votes by card; anyone else votes on paper and the organiser enters the count.
// Every bad row is reported (one line each) and nothing is imported. Pure: parses cells.
import { cleanCode, cleanMobile, cleanName, cleanText } from '../roster/normalise.ts';

export const VOTER_HEADER = ['姓名', '手机号'] as const;
export const VOTER_OPTIONAL_HEADER = ['企业微信账号'] as const;

export interface VoterRow {
  rowNumber: number;
  name: string;
  mobile: string;
  account?: string;
}

export type VoterFile = { ok: true; rows: VoterRow[] } | { ok: false; errors: string[] };

const MOBILE = /^1[3-9]\d{9}$/;
const ACCOUNT = /^[A-Za-z0-9_.@-]{1,64}$/;

export function parseVoterTable(table: string[][]): VoterFile {
  const header = (table[0] ?? []).map((c) => c.replace(/^\uFEFF/, '').trim());
  const expected = [...VOTER_HEADER, ...VOTER_OPTIONAL_HEADER];
  const width = header[2] === VOTER_OPTIONAL_HEADER[0] ? 3 : 2;
  if (VOTER_HEADER.some((h, i) => header[i] !== h) || header.slice(width).some((c) => c !== '')) {
    return { ok: false, errors: [`表头应为“${expected.join(',')}”（企业微信账号一列可以没有），现在是“${header.join(',')}”`] };
  }
  const rows: VoterRow[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  table.slice(1).forEach((cells, i) => {
    const rowNumber = i + 2;
    if (cells.every((c) => cleanText(c) === '')) return;
    const name = cleanName(cells[0]);
    const mobile = cleanMobile(cells[1]);
    const account = width === 3 ? cleanCode(cells[2]) || undefined : undefined;
    if (!name || [...name].length > 30) errors.push(`第 ${rowNumber} 行：姓名应为 1 到 30 个字`);
    if (!MOBILE.test(mobile)) errors.push(`第 ${rowNumber} 行：手机号「${cleanText(cells[1])}」不是 11 位手机号`);
    if (account && !ACCOUNT.test(account)) errors.push(`第 ${rowNumber} 行：企业微信账号「${account}」只能有字母、数字和 _ . @ -`);
    if (seen.has(mobile)) errors.push(`第 ${rowNumber} 行：手机号与第 ${seen.get(mobile)} 行重复`);
    else seen.set(mobile, rowNumber);
    rows.push({ rowNumber, name, mobile, ...(account ? { account } : {}) });
  });
  if (rows.length === 0 && errors.length === 0) errors.push('文件里没有选民');
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
