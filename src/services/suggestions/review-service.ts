// The office's own steps (rules S1, S4): 登记 (checked; a session suggestion counts its
// assignment deadline from the session's close), 退回 with a reason, 合并 into another
// suggestion, and 办结 once the deputy has rated the answer. The deputy is told each in one line.
import type { IsoDate } from '../../domain/calendar/working-days.ts';
import { AWAITING_ASSIGNMENT, FINISHED } from '../../domain/suggestions/lifecycle.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { findByNumber } from '../../repositories/suggestion-query-repo.ts';
import { assignDeadlineFor, planReminders, todayOf } from './deadline-service.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { suggestionText as t } from './messages.ts';
import { tellPeople } from './notify.ts';
import { commit, lost, open, type Outcome } from './step.ts';

const REASON_MIN = 2;
const REASON_MAX = 200;

export async function registerSuggestion(
  deps: SuggestionDeps, acting: Acting, orgId: number, number: string, opts: { sessionClosedOn?: IsoDate } = {},
): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'register');
  if (!opened.ok) return opened;
  const { view, policy } = opened;
  // Rule S1: a session suggestion is assigned within 15 days of the session's close.
  const session = opts.sessionClosedOn !== undefined;
  const deadline = session
    ? await assignDeadlineFor(deps, orgId, { origin: 'session', registeredOn: todayOf(view.createdAt), sessionClosedOn: opts.sessionClosedOn }, policy)
    : view.assignDeadline;
  const note = session ? `大会期间提出，${opts.sessionClosedOn} 闭会` : '';
  const set = session ? { origin: 'session', sessionClosedOn: opts.sessionClosedOn, assignDeadline: deadline } : {};
  const result = await commit(deps, acting, view, { action: 'register', note, set });
  if (result.kind === 'refused') return lost(view);
  if (deadline) await planReminders(deps, { orgId, suggestionId: view.id }, 'assign', deadline, policy);
  const upcoming = deadline && deadline >= todayOf(deps.now) ? deadline : null;
  await tellPeople(deps, orgId, [view.personId], `sugg|${view.id}|${result.rev}|deputy`, t.deputy.registered(view.number, upcoming));
  return { ok: true, view, message: t.done.registered(view.number, upcoming) };
}

export async function returnSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, reason: string): Promise<Outcome> {
  const text = reason.trim();
  if ([...text].length < REASON_MIN || [...text].length > REASON_MAX) return { ok: false, message: t.reasonNeeded('退回') };
  // The deputy reads this reason: emoji or letters alone tell them nothing (chat and console alike).
  if (!hasMeaningfulText(text)) return { ok: false, message: t.reasonWords('退回的理由', t.returnReasonExample) };
  const opened = await open(deps, acting, orgId, number, 'return');
  if (!opened.ok) return opened;
  const { view } = opened;
  const result = await commit(deps, acting, view, { action: 'return', note: text });
  if (result.kind === 'refused') return lost(view);
  await tellPeople(deps, orgId, [view.personId], `sugg|${view.id}|${result.rev}|deputy`, t.deputy.returned(view.number, text));
  return { ok: true, view, message: t.done.returned(view.number) };
}

export async function mergeSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, into: string): Promise<Outcome> {
  if (number === into) return { ok: false, message: t.mergeSelf };
  const target = await findByNumber(deps.db, orgId, into);
  if (!target) return { ok: false, message: t.notFound(into) };
  if (FINISHED.includes(target.status as never)) return { ok: false, message: t.mergeTarget(into, target.status) };
  const opened = await open(deps, acting, orgId, number, 'merge');
  if (!opened.ok) return opened;
  const { view } = opened;
  const result = await commit(deps, acting, view, { action: 'merge', note: `并入 ${into}`, set: { mergedIntoId: target.id } });
  if (result.kind === 'refused') return lost(view);
  await tellPeople(deps, orgId, [view.personId], `sugg|${view.id}|${result.rev}|deputy`, t.deputy.merged(view.number, into));
  return { ok: true, view, message: t.done.merged(view.number, into) };
}

export async function closeSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, number: string): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'close');
  if (!opened.ok) return opened;
  const { view } = opened;
  const result = await commit(deps, acting, view, { action: 'close', note: '' });
  if (result.kind === 'refused') return lost(view);
  await tellPeople(deps, orgId, [view.personId], `sugg|${view.id}|${result.rev}|deputy`, t.deputy.closed(view.number));
  return { ok: true, view, message: t.done.closed(view.number) };
}

/** Whether a suggestion still waits to be registered or assigned (for 交办 from 提交). */
export const awaitingAssignment = (status: string) => AWAITING_ASSIGNMENT.includes(status as never);
