// 人大代表履职手册 (the "一冊" of the township report's "五簿一冊"; rules P1, P2). One sheet per
// deputy. Seeds: the liaison-station rule book's 履职档案内容 ("1、走访联系接待群众情况；2、提出
// 意见建议情况；3、为群众办实事情况;4、参加视察调研、执法检查情况；5、每届向选举单位或选民述职情况;
// 6、其他方面工作情况") and its 履职登记制度 ("代表参加人民代表大会和闭会期间各项活动必须记录考勤"):
// attendance at every activity (A6, with sign-ins), leave asked for (L1, L2), reception duty
// served (R2) and visitors recorded (R3), suggestions with their ratings (S1–S3) and motions
// (S5); the diary, practical things done, report-backs and other work the deputy records come
// from the records issue (record-sources.ts) and print "本期没有…" until it lands.
import { ATTENDANCE_MARK } from '../../../domain/registers/attendance-matrix.ts';
import { ROLE_LABEL } from '../../../domain/roles.ts';
import { STATUS_LABEL, type SuggestionStatus } from '../../../domain/suggestions/lifecycle.ts';
import { MOTION_STATUS_LABEL, type MotionStatus } from '../../../domain/suggestions/motions.ts';
import type { CellInput } from '../../../lib/spreadsheet-cell.ts';
import { attendanceOf, deputiesInScope, leavesOf, peopleByIds } from '../../../repositories/register-activity-repo.ts';
import { motionsOf, suggestionsRaised } from '../../../repositories/register-suggestion-repo.ts';
import { dutiesOf, receptionVisits } from '../../../repositories/register-visit-repo.ts';
import type { BookDefinition, BookDeps, BookScope, Column, Line, SheetPlan } from '../book.ts';
import { day, dayTime, kindLabel } from '../format.ts';
import { registerText as t } from '../messages.ts';
import { performanceRecords } from './record-sources.ts';

export const handbookSections = {
  activities: '一、参加活动情况',
  leaves: '二、请假情况',
  contacts: '三、联系接待群众情况',
  suggestions: '四、提出意见建议和议案情况',
  records: '五、民情日记、为群众办实事、述职和其他工作',
};

const LEAVE_STATUS: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', withdrawn: '已撤回' };

const COLUMNS: Column[] = [
  { header: '序号', width: 6, center: true },
  { header: '日期', width: 11, center: true },
  { header: '类别', width: 10, center: true },
  { header: '事项', width: 34 },
  { header: '情况', width: 22 },
  { header: '备注', width: 20 },
];

type Deputy = Awaited<ReturnType<typeof peopleByIds>>[number];

export const handbook: BookDefinition = {
  name: '履职手册',
  title: '人大代表履职手册',
  async sheets(deps, scope, combined) {
    const deputies = await peopleByIds(deps.db, await deputiesInScope(deps.db, scope.orgId, scope.unit?.id));
    if (combined || deputies.length === 0) {
      return [{ name: this.name, title: this.title, columns: COLUMNS, lines: allDeputies(deps, scope, deputies), orientation: 'portrait' }];
    }
    return deputies.map((d): SheetPlan => ({
      name: d.name, title: `${this.title}`, subtitle: describe(d), columns: COLUMNS, lines: oneDeputy(deps, scope, d), orientation: 'portrait', signature: '代表（签名）',
    }));
  },
};

/** 代表：李春梅（乡镇人大代表）　第一代表小组成员、城关镇人大代表联络站副站长 …选区、工作单位 */
export function describe(d: Deputy): string {
  const levels = d.levels.split(',').filter(Boolean).join('、');
  const roles = d.memberships.filter((m) => m.unit.kind !== 'office').map((m) => `${m.unit.name}${ROLE_LABEL[m.role] ?? m.role}`);
  return [`代表：${d.name}（${levels}人大代表）`, roles.join('、'), d.district && `选区：${d.district}`, d.workUnit && `工作单位：${d.workUnit}`].filter(Boolean).join('　');
}

async function* allDeputies(deps: BookDeps, scope: BookScope, deputies: Deputy[]): AsyncIterable<Line> {
  if (deputies.length === 0) yield { kind: 'note', text: t.none };
  for (const [i, d] of deputies.entries()) {
    if (i > 0) yield { kind: 'page_break' };
    yield { kind: 'section', title: describe(d) };
    yield* oneDeputy(deps, scope, d);
  }
}

async function* oneDeputy(deps: BookDeps, scope: BookScope, d: Deputy): AsyncIterable<Line> {
  const counts = { present: 0, onLeave: 0, absent: 0, leaves: 0, duties: 0, visitors: 0, suggestions: 0, motions: 0 };
  yield { kind: 'section', title: handbookSections.activities };
  yield* numberedSection(activityRows(deps, scope, d.id, counts));
  yield { kind: 'section', title: handbookSections.leaves };
  yield* numberedSection(leaveRows(deps, scope, d.id, counts));
  yield { kind: 'section', title: handbookSections.contacts };
  yield* numberedSection(contactRows(deps, scope, d.id, counts));
  yield { kind: 'section', title: handbookSections.suggestions };
  yield* numberedSection(suggestionRows(deps, scope, d.id, counts));
  yield { kind: 'section', title: handbookSections.records };
  yield* numberedSection(recordRows(deps, scope, d.id));
  yield {
    kind: 'note',
    text: `小计：参加活动 ${counts.present + counts.onLeave + counts.absent} 次（出席 ${counts.present}，请假 ${counts.onLeave}，缺席 ${counts.absent}）；请假申请 ${counts.leaves} 次；接待值班 ${counts.duties} 次，登记来访 ${counts.visitors} 人次；提出建议、批评和意见 ${counts.suggestions} 件；议案 ${counts.motions} 件。`,
  };
}

async function* numberedSection(rows: AsyncIterable<CellInput[]>): AsyncIterable<Line> {
  let n = 0;
  for await (const cells of rows) yield { kind: 'row', cells: [++n, ...cells] };
  if (n === 0) yield { kind: 'note', text: t.none };
}

type Counts = Record<'present' | 'onLeave' | 'absent' | 'leaves' | 'duties' | 'visitors' | 'suggestions' | 'motions', number>;

async function* activityRows(deps: BookDeps, scope: BookScope, personId: number, counts: Counts): AsyncIterable<CellInput[]> {
  for (const a of await attendanceOf(deps.db, scope.orgId, personId, scope.period.from, scope.period.to, scope.now)) {
    counts[a.final === 'present' ? 'present' : a.final === 'on_leave' ? 'onLeave' : 'absent']++;
    const signIn = a.final === 'present' && a.signedInAt ? `${a.method === 'proxy' ? '代签' : '签到'} ${dayTime(a.signedInAt).slice(11)}` : '';
    yield [day(a.startAt), kindLabel(a.kind), `${a.title}（${a.unitName}）`, ATTENDANCE_MARK[a.final], signIn];
  }
}

async function* leaveRows(deps: BookDeps, scope: BookScope, personId: number, counts: Counts): AsyncIterable<CellInput[]> {
  for (const l of await leavesOf(deps.db, scope.orgId, personId, scope.period.from, scope.period.to)) {
    counts.leaves++;
    yield [day(l.activity.startAt), '请假', `${l.activity.title}（${l.activity.unit.name}）`, LEAVE_STATUS[l.status] ?? l.status, l.reason];
  }
}

async function* contactRows(deps: BookDeps, scope: BookScope, personId: number, counts: Counts): AsyncIterable<CellInput[]> {
  const recorded = new Map<string, number>();
  for await (const page of receptionVisits(deps.db, { orgId: scope.orgId, from: scope.period.from, to: scope.period.to, recordedBy: [personId] })) {
    for (const v of page) recorded.set(day(v.createdAt), (recorded.get(day(v.createdAt)) ?? 0) + 1);
  }
  const duties = await dutiesOf(deps.db, scope.orgId, personId, scope.period.fromDay, scope.period.toDay);
  const days = new Set([...duties.map((d) => d.date), ...recorded.keys()]);
  for (const date of [...days].sort()) {
    const duty = duties.find((d) => d.date === date);
    if (duty) counts.duties++;
    counts.visitors += recorded.get(date) ?? 0;
    yield [date, '接待选民', duty ? `${duty.unitName}接待选民日值班` : '接待来访选民', `登记来访 ${recorded.get(date) ?? 0} 人次`, ''];
  }
}

async function* suggestionRows(deps: BookDeps, scope: BookScope, personId: number, counts: Counts): AsyncIterable<CellInput[]> {
  for await (const page of suggestionsRaised(deps.db, { orgId: scope.orgId, from: scope.period.from, to: scope.period.to, personIds: [personId] })) {
    for (const s of page) {
      counts.suggestions++;
      const rating = s.latestAnswer?.rating ? `代表评价：${s.latestAnswer.rating}` : '';
      yield [day(s.createdAt), `提出${s.kind}`, `${s.number} ${s.title}`, STATUS_LABEL[s.status as SuggestionStatus] ?? s.status, rating];
    }
  }
  for (const m of await motionsOf(deps.db, scope.orgId, personId, scope.period.from, scope.period.to)) {
    const signed = m.signed.find((s) => s.personId === personId);
    if (m.starterId !== personId && !signed) continue; // asked, never signed: not part of the record
    counts.motions++;
    const role = m.starterId === personId ? '领衔提出议案' : '附议议案';
    yield [day(m.starterId === personId ? m.createdAt : signed!.signedAt), role, `${m.number ?? ''} ${m.title}`.trim(), MOTION_STATUS_LABEL[m.status as MotionStatus] ?? m.status, `联名 ${m.signed.length} 人`];
  }
}

async function* recordRows(deps: BookDeps, scope: BookScope, personId: number): AsyncIterable<CellInput[]> {
  for await (const r of performanceRecords(deps, scope, personId)) yield [r.date, r.category, r.matter, r.detail, ''];
}
