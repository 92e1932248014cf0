// 走访选民登记簿 (the township report's fifth book, "走訪群眾登記簿"; rules P1, P3, R3). Seeds: the
// township rule book's diary ("代表要深入走访选民，认真听取、记录选民的意见和建议…当日记载内容须经
// 被走访选民本人签名方为有效") and the county group rule ("通过召开座谈会、走访社区和选民等多种方法，
// 了解群众最关心的热点问题"): when, which deputies, whom they visited or received, how to reach
// them (masked, R6), what was raised and what was done. Three sections: the group's visits and
// forums (activities of kind 走访座谈), constituents received at reception days (R3), and the
// deputies' diary entries (P3, fed by the records issue: record-sources.ts).
import { addressFor, personFor, phoneFor } from '../../../domain/registers/privacy.ts';
import type { CellInput } from '../../../lib/spreadsheet-cell.ts';
import { deputiesInScope } from '../../../repositories/register-activity-repo.ts';
import { receptionVisits } from '../../../repositories/register-visit-repo.ts';
import { VISIT_STATUS } from '../../register/register-export.ts';
import { UNIT_COLUMN, type BookDefinition, type BookDeps, type BookScope, type Column, type Line } from '../book.ts';
import { day } from '../format.ts';
import { registerText as t } from '../messages.ts';
import { activitiesWithAttendance, activityQuery } from './activity-rows.ts';
import { diaryEntries } from './record-sources.ts';

export const visitSections = {
  visits: '一、走访座谈活动',
  reception: '二、接待来访选民',
  diary: '三、民情日记',
};

export const visitBook: BookDefinition = {
  name: '走访登记簿',
  title: '走访选民登记簿',
  async sheets(deps, scope) {
    const columns: Column[] = [
      { header: '序号', width: 6, center: true },
      { header: '日期', width: 11, center: true },
      ...(scope.unit ? [] : [UNIT_COLUMN]),
      { header: '代表', width: 18 },
      { header: '走访（来访）对象', width: 20 },
      { header: '联系电话', width: 13, center: true },
      { header: '反映的问题和意见', width: 36 },
      { header: '办理情况', width: 30 },
    ];
    return [{ name: this.name, title: this.title, columns, lines: lines(deps, scope), orientation: 'landscape' }];
  },
};

async function* lines(deps: BookDeps, scope: BookScope): AsyncIterable<Line> {
  yield { kind: 'section', title: visitSections.visits };
  yield* section(visitActivities(deps, scope));
  yield { kind: 'section', title: visitSections.reception };
  yield* section(receptions(deps, scope));
  yield { kind: 'section', title: visitSections.diary };
  yield* section(diary(deps, scope));
}

async function* section(rows: AsyncIterable<CellInput[]>): AsyncIterable<Line> {
  let n = 0;
  for await (const cells of rows) yield { kind: 'row', cells: [++n, ...cells] };
  if (n === 0) yield { kind: 'note', text: t.none };
}

async function* visitActivities(deps: BookDeps, scope: BookScope): AsyncIterable<CellInput[]> {
  for await (const a of activitiesWithAttendance(deps, activityQuery(scope, { kinds: { in: ['visit'] } }))) {
    yield [day(a.startAt), ...(scope.unit ? [] : [a.unitName]), a.presentNames.join('、'), `${a.title}（${a.place}）`, '', a.content, a.account ?? ''];
  }
}

async function* receptions(deps: BookDeps, scope: BookScope): AsyncIterable<CellInput[]> {
  const q = { orgId: scope.orgId, unitId: scope.unit?.id, from: scope.period.from, to: scope.period.to };
  for await (const page of receptionVisits(deps.db, q)) {
    for (const v of page) {
      const visitor = [personFor(v.visitorName, scope.privacy), addressFor(v.visitorAddress, scope.privacy)].filter(Boolean).join('，');
      const handling = [VISIT_STATUS[v.status] ?? v.status, v.assignedTo, v.satisfaction && `选民${v.satisfaction}`].filter(Boolean).join('，');
      yield [day(v.createdAt), ...(scope.unit ? [] : [v.unitName]), v.recorderName, visitor, phoneFor(v.visitorPhone, scope.privacy), v.issue, handling];
    }
  }
}

async function* diary(deps: BookDeps, scope: BookScope): AsyncIterable<CellInput[]> {
  const deputies = scope.unit ? await deputiesInScope(deps.db, scope.orgId, scope.unit.id) : undefined;
  for await (const e of diaryEntries(deps, scope, deputies)) {
    const done = e.confirmed ? e.done : `${e.done}（未经选民签名确认）`;
    yield [e.date, ...(scope.unit ? [] : ['']), e.deputyName, personFor(e.constituentName, scope.privacy), phoneFor(e.constituentPhone, scope.privacy), e.raised, done];
  }
}
