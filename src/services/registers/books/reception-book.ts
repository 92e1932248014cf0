// 人大代表接待选民登记簿 (rules R3–R6). Seeds: the township report's "五簿" ("人大代表接待選民登記簿"),
// the liaison-station rule book's reception form ("填写代表接待选民建议、意见登记表") and its
// feedback record ("在接待群众建议、意见交办单的反馈记录中写明答复的时间、形式，选民是否满意"): who
// came, how to reach them (phone masked unless --unmasked, rule R6), what they raised, where it
// was assigned and by when (R4), and the answer's time, form and the visitor's satisfaction
// (R5). The same columns as the CSV register (`npm run register -- export`), with the deputy who
// received the visitor. Names and addresses in full only for office staff.
import { addressFor, personFor, phoneFor } from '../../../domain/registers/privacy.ts';
import { receptionVisits } from '../../../repositories/register-visit-repo.ts';
import { VISIT_STATUS } from '../../register/register-export.ts';
import { numbered, rowsOrNote, type BookDefinition, type BookScope, type Column } from '../book.ts';
import { day, dayTime } from '../format.ts';
import type { BookDeps } from '../book.ts';
import type { CellInput } from '../../../lib/spreadsheet-cell.ts';

export const receptionBook: BookDefinition = {
  name: '接待登记簿',
  title: '人大代表接待选民登记簿',
  async sheets(deps, scope) {
    const columns: Column[] = [
      { header: '序号', width: 6, center: true },
      { header: '登记日期', width: 11, center: true },
      ...(scope.unit ? [] : [{ header: '联络站', width: 16 }]),
      { header: '接待代表', width: 8, center: true },
      { header: '来访人', width: 8, center: true },
      { header: '联系电话', width: 13, center: true },
      { header: '住址', width: 16 },
      { header: '反映问题', width: 36 },
      { header: '类别', width: 10, center: true },
      { header: '状态', width: 9, center: true },
      { header: '交办期限', width: 11, center: true },
      { header: '交办单位', width: 14 },
      { header: '答复时间', width: 16, center: true },
      { header: '答复形式', width: 8, center: true },
      { header: '答复内容', width: 30 },
      { header: '满意度', width: 9, center: true },
    ];
    return [{ name: this.name, title: this.title, columns, lines: rowsOrNote(numbered(visitRows(deps, scope))), orientation: 'landscape' }];
  },
};

async function* visitRows(deps: BookDeps, scope: BookScope): AsyncIterable<CellInput[]> {
  const q = { orgId: scope.orgId, unitId: scope.unit?.id, from: scope.period.from, to: scope.period.to };
  for await (const page of receptionVisits(deps.db, q)) {
    for (const v of page) {
      yield [
        day(v.createdAt), ...(scope.unit ? [] : [v.unitName]), v.recorderName, personFor(v.visitorName, scope.privacy), phoneFor(v.visitorPhone, scope.privacy),
        addressFor(v.visitorAddress, scope.privacy), v.issue, v.category, VISIT_STATUS[v.status] ?? v.status, v.deadline, v.assignedTo ?? '',
        dayTime(v.answerAt), v.answerForm ?? '', v.answerText ?? '', v.satisfaction ?? '',
      ];
    }
  }
}
