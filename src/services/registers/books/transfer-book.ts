// 代表意见转办簿 (rules R4, R5, S1, S3). Seeds: the 代表之家 plan ("建立…接待選民登記簿和代表意見
// 轉辦簿") and the liaison-station rule book: assigned within seven working days ("在七个工作日
// 内向乡镇（街道）有关部门进行交办"), county matters forwarded on the recess form, and every
// answer's record ("写明答复的时间、形式，选民是否满意"; "件件有答复、事事有回音"). One row per
// assignment: what, from whom, to which department, when, by when, the answer and the
// satisfaction — the constituents' issues from reception days, then the deputies' suggestions.
import { personFor } from '../../../domain/registers/privacy.ts';
import type { CellInput } from '../../../lib/spreadsheet-cell.ts';
import { assignmentsMade } from '../../../repositories/register-suggestion-repo.ts';
import { receptionVisits } from '../../../repositories/register-visit-repo.ts';
import type { BookDefinition, BookDeps, BookScope, Column, Line } from '../book.ts';
import { day } from '../format.ts';
import { registerText as t } from '../messages.ts';
import { raisersOf } from './suggestion-book.ts';

export const transferSections = {
  reception: '一、接待选民反映的问题',
  suggestions: '二、代表建议、批评和意见',
};

const COLUMNS: Column[] = [
  { header: '序号', width: 6, center: true },
  { header: '编号', width: 14, center: true },
  { header: '事项', width: 34 },
  { header: '提出人', width: 8, center: true },
  { header: '转办单位', width: 16 },
  { header: '转办日期', width: 11, center: true },
  { header: '办理期限', width: 11, center: true },
  { header: '答复日期', width: 11, center: true },
  { header: '答复形式', width: 8, center: true },
  { header: '答复内容', width: 32 },
  { header: '满意度', width: 9, center: true },
];

export const transferBook: BookDefinition = {
  name: '转办簿',
  title: '代表意见转办簿',
  async sheets(deps, scope) {
    return [{ name: this.name, title: this.title, columns: COLUMNS, lines: lines(deps, scope), orientation: 'landscape' }];
  },
};

async function* lines(deps: BookDeps, scope: BookScope): AsyncIterable<Line> {
  yield { kind: 'section', title: transferSections.reception };
  yield* section(visitTransfers(deps, scope));
  yield { kind: 'section', title: transferSections.suggestions };
  yield* section(suggestionTransfers(deps, scope));
}

async function* section(rows: AsyncIterable<CellInput[]>): AsyncIterable<Line> {
  let n = 0;
  for await (const cells of rows) yield { kind: 'row', cells: [++n, ...cells] };
  if (n === 0) yield { kind: 'note', text: t.none };
}

async function* visitTransfers(deps: BookDeps, scope: BookScope): AsyncIterable<CellInput[]> {
  const q = { orgId: scope.orgId, unitId: scope.unit?.id, from: scope.period.from, to: scope.period.to, assignedInPeriod: true };
  for await (const page of receptionVisits(deps.db, q)) {
    for (const v of page) {
      yield [`接待-${v.id}`, v.issue, personFor(v.visitorName, scope.privacy), v.assignedTo ?? '', day(v.assignedAt), '', day(v.answerAt), v.answerForm ?? '', v.answerText ?? '', v.satisfaction ?? ''];
    }
  }
}

async function* suggestionTransfers(deps: BookDeps, scope: BookScope): AsyncIterable<CellInput[]> {
  const q = { orgId: scope.orgId, from: scope.period.from, to: scope.period.to, personIds: await raisersOf(deps, scope) };
  for await (const page of assignmentsMade(deps.db, q)) {
    for (const a of page) {
      const department = a.role === 'lead' ? a.department : `${a.department}（协办）`;
      const answer = a.answer;
      yield [a.number, a.title, a.deputyName, department, day(a.assignedAt), a.answerDeadline ?? '', day(answer?.answeredAt), answer?.form ?? '', answer?.text ?? '', answer?.rating ?? ''];
    }
  }
}
