// What people see when they ask (rules S1–S6): 我的建议 for a deputy (status, deadline,
// answer, this year's count against the target) and 建议列表 for the office (by status,
// overdue first, with the share of 面商 and the annual targets) or for a department's handler
// (its own suggestions). Who sees what is decided here, once, for chat and console alike.
import { isOfficeStaff } from '../../domain/roles.ts';
import { STATUS_LABEL, SUGGESTION_STATUSES, type SuggestionStatus } from '../../domain/suggestions/lifecycle.ts';
import { shanghaiYear } from '../../domain/time.ts';
import { workUnitOf } from '../../repositories/contact-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { latestAnswer } from '../../repositories/suggestion-detail-repo.ts';
import { departmentsHandledBy, listSuggestions, talkShare } from '../../repositories/suggestion-query-repo.ts';
import { answerText } from './answer-service.ts';
import { todayOf } from './deadline-service.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { dueOf, listForOffice, type ListQuery } from './listing-service.ts';
import { clip, dayText } from './messages.ts';
import { deputyYear, targetText, yearTargets } from './targets-service.ts';

const CHAT_LINES = 30;
const MINE_SHOWN = 10;

export const overviewText = {
  mineNone: (year: number, line: string) => `您还没有通过机器人提交过建议、批评或意见。${line}发送“提建议”即可提交。`,
  mineTitle: (line: string) => `${line}您的建议、批评和意见（最近 ${MINE_SHOWN} 条）：`,
  status: (label: string, extra: string) => `  状态：${label}${extra}`,
  due: (kind: string, deadline: string, past: number) => `，${kind} ${dayText(deadline)}${past > 0 ? `（已逾期 ${past} 天）` : ''}`,
  answer: (form: string, day: string, text: string, rating: string | null) =>
    `  答复（${form}，${day}）：${text.replace(/[。；;，,]$/u, '')}${rating ? `；您的评价：${rating}` : '；请在答复卡片上评价'}`,
  listTitle: (count: number, filter: string) => `建议${filter ? `（${filter}）` : ''}共 ${count} 件，逾期的排在前面：`,
  listNone: (filter: string) => `没有${filter ? `“${filter}”的` : ''}建议。`,
  listMore: (more: number) => `另有 ${more} 件未列出，可用“建议列表 状态”缩小范围，例如“建议列表 交办”。`,
  talkShare: (withTalk: number, assigned: number) => `今年已交办 ${assigned} 件，其中面商 ${withTalk} 件（面商率 ${assigned ? Math.round((withTalk * 100) / assigned) : 0}%）。`,
  statusCounts: (counts: string) => `按状态：${counts}。`,
  notForYou: '“建议列表”供人大工作人员和承办单位经办人使用；您提交的建议请发送“我的建议”查看。',
  officeHint: '办理：交办 / 登记 / 退回 / 合并 / 答复 / 面商 / 延期 / 办结 + 编号，例如“交办 2026-建-0007 县住建局”。',
  handlerHint: '办理：签收 / 面商 / 答复 / 延期 + 编号，例如“答复 2026-建-0007”。',
  badFilter: '可以这样查看：“建议列表”“建议列表 逾期”“建议列表 交办”（状态：提交、登记、交办、办理中、已答复、已评价、办结、退回、已合并）。',
};

/** 我的建议: the latest few, with status, the deadline that applies and the latest answer. */
export async function mySuggestionsText(deps: SuggestionDeps, orgId: number, personId: number): Promise<string> {
  const year = shanghaiYear(deps.now);
  const today = todayOf(deps.now);
  const line = targetText.deputyLine(year, await deputyYear(deps.db, orgId, personId, year));
  const rows = (await listSuggestions(deps.db, orgId, { personId })).sort((a, b) => b.id - a.id).slice(0, MINE_SHOWN);
  if (rows.length === 0) return overviewText.mineNone(year, line);
  const lines = [overviewText.mineTitle(line)];
  for (const v of rows) {
    const due = dueOf(v, today);
    const lead = v.departments.find((d) => d.role === 'lead')?.name;
    const extra = `${lead ? `（${lead}）` : ''}${due ? overviewText.due(due.kind, due.deadline, due.past) : ''}`;
    lines.push(`${v.number} ${v.title}`, overviewText.status(STATUS_LABEL[v.status as SuggestionStatus] ?? v.status, extra));
    const answer = v.rounds > 0 ? await latestAnswer(deps.db, v.id) : null;
    if (answer) lines.push(overviewText.answer(answer.form, dayText(todayOf(answer.answeredAt)), clip(answer.text || answerText.attachedOnly, 60), answer.rating));
  }
  return lines.join('\n');
}

/** 建议列表: the office sees all, a department's handler its own; others are told where to look. */
export async function suggestionListText(deps: SuggestionDeps, acting: Acting, orgId: number, filter: { query: ListQuery; label: string }): Promise<string> {
  const person = acting.person!;
  const office = isOfficeStaff(person);
  const handled = office ? [] : await departmentsHandledBy(deps.db, orgId, await workUnitOf(deps.db, person.id));
  if (!office && handled.length === 0) return overviewText.notForYou;
  const today = todayOf(deps.now);
  const query = office ? filter.query : { ...filter.query, departmentIds: handled.map((d) => d.id) };
  const rows = await listForOffice(deps.db, orgId, query, today);
  if (rows.length === 0) return overviewText.listNone(filter.label);
  const lines = [overviewText.listTitle(rows.length, filter.label), ...rows.slice(0, CHAT_LINES).map((v) => chatLine(v, today))];
  if (rows.length > CHAT_LINES) lines.push(overviewText.listMore(rows.length - CHAT_LINES));
  if (office) lines.push('', ...(await officeSummary(deps, orgId)));
  lines.push(office ? overviewText.officeHint : overviewText.handlerHint);
  return lines.join('\n');
}

function chatLine(v: Parameters<typeof dueOf>[0], today: string): string {
  const due = dueOf(v, today);
  const lead = v.departments.find((d) => d.role === 'lead')?.name;
  const status = STATUS_LABEL[v.status as SuggestionStatus] ?? v.status;
  const when = due ? `，${due.kind} ${dayText(due.deadline)}${due.past > 0 ? `，逾期 ${due.past} 天` : ''}` : '';
  return `${v.number} ${clip(v.title, 20)}（${v.personName}，${status}${lead ? `，${lead}` : ''}${when}）`;
}

/** Rules S2, S6: the share with a 面商, the counts by status, who has not met the year's target. */
export async function officeSummary(deps: SuggestionDeps, orgId: number): Promise<string[]> {
  const year = shanghaiYear(deps.now);
  const all = await listSuggestions(deps.db, orgId, {});
  const counts = new Map<string, number>();
  for (const v of all.filter((x) => x.year === year)) counts.set(v.status, (counts.get(v.status) ?? 0) + 1);
  const countText = SUGGESTION_STATUSES.filter((s) => counts.has(s)).map((s) => `${STATUS_LABEL[s]} ${counts.get(s)}`).join('，') || '无';
  const share = await talkShare(deps.db, orgId, year);
  const targets = await yearTargets(deps.db, orgId, year, await loadPolicy(deps.db, orgId));
  const short = (xs: { standing: { met: boolean } }[]) => xs.filter((x) => !x.standing.met).length;
  return [
    overviewText.statusCounts(countText),
    overviewText.talkShare(share.withTalk, share.assigned),
    targetText.officeSummary(short(targets.deputies), short(targets.groups)),
  ];
}
