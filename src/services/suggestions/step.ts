// The common shape of every suggestion use case: find the suggestion by its number, work out
// who the actor is towards it, ask the lifecycle table (rules S1–S4), then apply the transition
// as one conditional statement. A refusal is one sentence saying what to do next.
import { checkTransition, TRANSITIONS, type SuggestionAction, type SuggestionRole } from '../../domain/suggestions/lifecycle.ts';
import { suggestionRoles } from '../../domain/suggestions/roles.ts';
import type { Policy } from '../../domain/policy.ts';
import { workUnitOf } from '../../repositories/contact-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { applyTransition, lastKeyOf, type TransitionFields, type TransitionResult } from '../../repositories/suggestion-lifecycle-repo.ts';
import { findByNumber, type SuggestionView } from '../../repositories/suggestion-query-repo.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { suggestionText as t } from './messages.ts';

export type Outcome = { ok: true; message: string; view: SuggestionView } | { ok: false; message: string };

export interface Opened {
  ok: true;
  view: SuggestionView;
  roles: Set<SuggestionRole>;
  policy: Policy;
}

export async function rolesOf(deps: SuggestionDeps, acting: Acting, view: SuggestionView): Promise<Set<SuggestionRole>> {
  if (acting.commandLine) return new Set(['office']);
  const p = acting.person!;
  const actor = { ...p, workUnit: await workUnitOf(deps.db, p.id) };
  return suggestionRoles(actor, { personId: view.personId, departments: view.departments });
}

/** The suggestion and the actor's roles, or the sentence that refuses this action now. */
export async function open(
  deps: SuggestionDeps, acting: Acting, orgId: number, number: string, action: SuggestionAction,
): Promise<Opened | { ok: false; message: string }> {
  const view = await findByNumber(deps.db, orgId, number);
  if (!view) return { ok: false, message: t.notFound(number) };
  const policy = await loadPolicy(deps.db, orgId);
  const roles = await rolesOf(deps, acting, view);
  const check = checkTransition(view.status as never, action, roles);
  // The same request again (a chat event retried after a crash) carries on, so whatever the
  // first run did not finish (history, messages) is finished now, once.
  const replay = !check.ok && check.reason === 'wrong_status' && (await lastKeyOf(deps.db, view.id)) === keyOf(acting, action);
  if (!check.ok && !replay) return { ok: false, message: refusal(view, action, check.reason, policy, roles) };
  return { ok: true, view, roles, policy };
}

export function refusal(view: SuggestionView, action: SuggestionAction, reason: 'not_yours' | 'wrong_status', policy: Policy, roles: Set<SuggestionRole>): string {
  if (reason === 'wrong_status') return t.wrongStatus(view.number, view.status, action);
  const by = TRANSITIONS[action].by;
  if (by.includes('submitter') && by.length === 1) return t.submitterOnly;
  if (action === 'request_extension' && roles.has('office')) return t.extensionByDepartment(policy.supervisingBody);
  if (by.includes('lead_handler')) return t.handlerOnly(action, policy.supervisingBody, view.departments.find((d) => d.role === 'lead')?.name ?? '');
  return t.officeOnly(action, policy.supervisingBody);
}

export interface Commit {
  action: SuggestionAction;
  note: string;
  set?: TransitionFields;
  addExtension?: boolean;
  addRound?: boolean;
  extensionsBelow?: number;
}

export function keyOf(acting: Acting, action: SuggestionAction): string {
  return `${acting.key}|${action}`;
}

export function actorId(acting: Acting): number | null {
  return acting.person?.id ?? null;
}

/** Applies the transition the table allowed; the to-status comes from the table. */
export async function commit(deps: SuggestionDeps, acting: Acting, view: SuggestionView, c: Commit): Promise<TransitionResult> {
  const rule = TRANSITIONS[c.action];
  return applyTransition(deps.db, {
    id: view.id,
    orgId: view.orgId,
    action: c.action,
    from: rule.from,
    to: rule.to === 'same' ? null : rule.to,
    actorId: actorId(acting),
    note: c.note,
    key: keyOf(acting, c.action),
    now: deps.now,
    set: c.set,
    addExtension: c.addExtension,
    addRound: c.addRound,
    extensionsBelow: c.extensionsBelow,
  });
}

/** A refused commit means someone else changed it between the check and the write. */
export function lost(view: SuggestionView): { ok: false; message: string } {
  return { ok: false, message: t.changedMeanwhile(view.number) };
}

/** Whether this person may take this step on this suggestion now (a dialog's first check). */
export async function checkStep(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, action: SuggestionAction): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, action);
  return opened.ok ? { ok: true, view: opened.view, message: '' } : opened;
}
