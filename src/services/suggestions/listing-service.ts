// Reading suggestions (rules S1–S6): the office's list by status with the overdue first, a
// department's own list, one suggestion's history, and the deputy's own. Lines are built
// here so the chat, the command line and the console show the same thing.
import { daysPast } from '../../domain/suggestions/deadlines.ts';
import { AWAITING_ANSWER, AWAITING_ASSIGNMENT, STATUS_LABEL, type SuggestionStatus } from '../../domain/suggestions/lifecycle.ts';
import { formatLocal } from '../../domain/time.ts';
import { listHistory, type HistoryLine } from '../../repositories/suggestion-lifecycle-repo.ts';
import { listSuggestions, type SuggestionView } from '../../repositories/suggestion-query-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { ACTION_LABEL, type SuggestionAction } from '../../domain/suggestions/lifecycle.ts';

export interface Due {
  kind: '交办期限' | '答复期限';
  deadline: string;
  /** Days past the deadline (positive: overdue). */
  past: number;
}

/** The deadline that applies now (rule S1), if any. */
export function dueOf(view: SuggestionView, today: string): Due | undefined {
  if (AWAITING_ASSIGNMENT.includes(view.status as SuggestionStatus) && view.assignDeadline) {
    return { kind: '交办期限', deadline: view.assignDeadline, past: daysPast(view.assignDeadline, today) };
  }
  if (AWAITING_ANSWER.includes(view.status as SuggestionStatus) && view.answerDeadline) {
    return { kind: '答复期限', deadline: view.answerDeadline, past: daysPast(view.answerDeadline, today) };
  }
  return undefined;
}

export const isOverdue = (view: SuggestionView, today: string) => (dueOf(view, today)?.past ?? 0) > 0;

/** Overdue first (longest overdue first), then by the nearest deadline, then by number. */
export function byUrgency(today: string) {
  return (a: SuggestionView, b: SuggestionView): number => {
    const da = dueOf(a, today);
    const db = dueOf(b, today);
    const rank = (d: Due | undefined) => (d ? (d.past > 0 ? 0 : 1) : 2);
    return rank(da) - rank(db) || (db?.past ?? 0) - (da?.past ?? 0) || (da?.deadline ?? '').localeCompare(db?.deadline ?? '') || a.id - b.id;
  };
}

export interface ListQuery {
  statuses?: readonly string[];
  overdueOnly?: boolean;
  departmentIds?: number[];
}

export async function listForOffice(db: Db, orgId: number, q: ListQuery, today: string): Promise<SuggestionView[]> {
  const rows = await listSuggestions(db, orgId, { statuses: q.statuses, departmentIds: q.departmentIds });
  return rows.filter((v) => !q.overdueOnly || isOverdue(v, today)).sort(byUrgency(today));
}

const departmentsText = (v: SuggestionView) =>
  v.departments.map((d) => (d.role === 'lead' ? d.name : `${d.name}（协办）`)).join('、');

/** One line, starting with the number (a contract of the command line). */
export function suggestionLine(v: SuggestionView, today: string): string {
  const due = dueOf(v, today);
  const parts = [
    v.number,
    STATUS_LABEL[v.status as SuggestionStatus] ?? v.status,
    departmentsText(v) || '—',
    due ? `${due.kind} ${due.deadline}` : '—',
    v.personName,
    v.title,
  ];
  if (due && due.past > 0) parts.push(`逾期 ${due.past} 天`);
  return parts.join('  ');
}

/** One line per transition: when, what, from → to, who, note. */
export function historyLine(h: HistoryLine, cliLabel: string): string {
  const from = h.fromStatus ? STATUS_LABEL[h.fromStatus as SuggestionStatus] ?? h.fromStatus : '';
  const to = STATUS_LABEL[h.toStatus as SuggestionStatus] ?? h.toStatus;
  const action = ACTION_LABEL[h.action as SuggestionAction] ?? h.action;
  return [formatLocal(h.at), action, from ? `${from}→${to}` : to, h.actorName ?? cliLabel, h.note].filter(Boolean).join('  ');
}

export async function historyOf(db: Db, view: SuggestionView, cliLabel: string): Promise<string[]> {
  return (await listHistory(db, view.id)).map((h) => historyLine(h, cliLabel));
}
