// 人大代表建议批评意见登记簿 (rules S1–S6), the county group rule's 《代表提出议案建议情况记录簿》.
// Seeds: the township report's "五簿" ("人大代表建議批評意見登記簿"), the county group rule
// ("各代表小组建立…《代表提出议案建议情况记录簿》"), and the township rule book for what each
// suggestion's record holds: handed over within 15 days, answered within 3 months in writing,
// 面商 with the deputy, the deputy's rating ("主席團應在會后十五日內移交…三個月內辦理完畢，并書面答復
// 代表…面商率達100%…收集代表對辦理建議工作的反饋意見"). Motions (議案, S5) follow, with their
// co-signers.
import { STATUS_LABEL, type SuggestionStatus } from '../../../domain/suggestions/lifecycle.ts';
import { MOTION_STATUS_LABEL, type MotionStatus } from '../../../domain/suggestions/motions.ts';
import type { CellInput } from '../../../lib/spreadsheet-cell.ts';
import { memberIds } from '../../../repositories/register-activity-repo.ts';
import { motionsStarted, suggestionsRaised, type SuggestionRow } from '../../../repositories/register-suggestion-repo.ts';
import type { BookDefinition, BookDeps, BookScope, Column, Line } from '../book.ts';
import { day } from '../format.ts';
import { registerText as t } from '../messages.ts';

const COLUMNS: Column[] = [
  { header: '序号', width: 6, center: true },
  { header: '编号', width: 14, center: true },
  { header: '类别', width: 6, center: true },
  { header: '提出代表', width: 8, center: true },
  { header: '提出日期', width: 11, center: true },
  { header: '标题', width: 28 },
  { header: '状态', width: 8, center: true },
  { header: '承办单位', width: 18 },
  { header: '交办期限', width: 11, center: true },
  { header: '答复期限', width: 11, center: true },
  { header: '答复日期', width: 11, center: true },
  { header: '答复形式', width: 8, center: true },
  { header: '答复内容', width: 30 },
  { header: '面商', width: 6, center: true },
  { header: '评价', width: 9, center: true },
  { header: '备注', width: 24 },
];

export const suggestionBook: BookDefinition = {
  name: '建议登记簿',
  title: '人大代表建议批评意见登记簿',
  async sheets(deps, scope) {
    return [{ name: this.name, title: this.title, columns: COLUMNS, lines: lines(deps, scope), orientation: 'landscape' }];
  },
};

/** A unit's book holds what its members raised; the organisation's, everyone's. */
export async function raisersOf(deps: BookDeps, scope: BookScope): Promise<number[] | undefined> {
  return scope.unit ? memberIds(deps.db, scope.unit.id) : undefined;
}

async function* lines(deps: BookDeps, scope: BookScope): AsyncIterable<Line> {
  const q = { orgId: scope.orgId, from: scope.period.from, to: scope.period.to, personIds: await raisersOf(deps, scope) };
  let n = 0;
  const ratings = new Map<string, number>();
  for await (const page of suggestionsRaised(deps.db, q)) {
    for (const s of page) {
      const rating = s.latestAnswer?.rating;
      if (rating) ratings.set(rating, (ratings.get(rating) ?? 0) + 1);
      yield { kind: 'row', cells: [++n, ...suggestionCells(s)] };
    }
  }
  const suggestions = n;
  for (const m of await motionsStarted(deps.db, q)) {
    const signers = m.signed.map((s) => s.name);
    yield {
      kind: 'row',
      cells: [++n, m.number ?? '（未编号）', '议案', m.starterName, day(m.createdAt), m.title, MOTION_STATUS_LABEL[m.status as MotionStatus] ?? m.status, '', '', '', '', '', '', '', '', `联名代表 ${signers.length} 人：${signers.join('、')}`],
    };
  }
  if (n === 0) {
    yield { kind: 'note', text: t.none };
    return;
  }
  const rated = ['满意', '基本满意', '不满意'].map((r) => `${r} ${ratings.get(r) ?? 0} 件`).join('，');
  yield { kind: 'note', text: `建议、批评和意见 ${suggestions} 件（代表评价：${rated}），议案 ${n - suggestions} 件。` };
}

function suggestionCells(s: SuggestionRow): CellInput[] {
  const a = s.latestAnswer;
  const departments = s.departments.map((d) => (d.role === 'lead' ? d.name : `${d.name}（协办）`)).join('、');
  return [
    s.number, s.kind, s.deputyName, day(s.createdAt), s.title, STATUS_LABEL[s.status as SuggestionStatus] ?? s.status, departments,
    s.assignDeadline ?? '', s.answerDeadline ?? '', day(a?.answeredAt), a?.form ?? '', a?.text ?? '', s.talks ? `${s.talks} 次` : '', a?.rating ?? '', '',
  ];
}
