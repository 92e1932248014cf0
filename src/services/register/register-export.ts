// The reception register (接待选民登记表, rules R3–R6) as CSV for the office's ledger. Phones are
// masked (138****5678) unless office staff ask for them in full (R6). Every cell is
// formula-safe (a visitor's "name" like =HYPERLINK(...) stays text in Excel and WPS).
import { maskPhone } from '../../domain/registers/privacy.ts';
import { formatDateTime, shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import { csvLine } from '../../lib/spreadsheet-cell.ts';
import type { Db } from '../../repositories/prisma.ts';

export const REGISTER_HEADER = ['编号', '登记日期', '联络站', '来访人', '联系电话', '住址', '反映问题', '类别', '状态', '交办期限', '交办单位', '答复时间', '答复形式', '答复内容', '满意度'];

/** How a reception issue's status reads (rules R4, R5); the 接待登记簿 uses the same words. */
export const VISIT_STATUS: Record<string, string> = { recorded: '待交办', assigned: '已交办', forwarded: '已转县人大', answered: '已答复', closed: '已办结' };
const STATUS = VISIT_STATUS;

// The CSV and the 接待登记簿 mask phones the same way (rule R6).
export { maskPhone };

export interface RegisterQuery {
  orgId: number;
  from: Date;
  to: Date;
  unmasked?: boolean;
}

export async function exportRegister(db: Db, q: RegisterQuery): Promise<string> {
  return (await exportRegisterCounted(db, q)).csv;
}

/** The CSV and how many visits it holds (for the command line's one-line report). */
export async function exportRegisterCounted(db: Db, q: RegisterQuery): Promise<{ csv: string; visits: number }> {
  const visits = await db.receptionVisit.findMany({ where: { orgId: q.orgId, createdAt: { gte: q.from, lt: q.to } }, orderBy: { id: 'asc' } });
  const units = new Map((await db.unit.findMany({ where: { orgId: q.orgId }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const lines = [csvLine(REGISTER_HEADER)];
  for (const v of visits) {
    const row = [
      String(v.id), shanghaiIsoDate(v.createdAt), units.get(v.unitId) ?? '', v.visitorName,
      q.unmasked ? (v.visitorPhone ?? '') : maskPhone(v.visitorPhone), v.visitorAddress ?? '', v.issue, v.category,
      STATUS[v.status] ?? v.status, v.deadline, v.assignedTo ?? '', v.answerAt ? formatDateTime(v.answerAt) : '',
      v.answerForm ?? '', v.answerText ?? '', v.satisfaction ?? '',
    ];
    lines.push(csvLine(row));
  }
  // A BOM so that Excel on Chinese Windows opens it as UTF-8.
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, visits: visits.length };
}
