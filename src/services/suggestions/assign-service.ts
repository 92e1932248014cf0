// 交办 (rule S1): the office hands a suggestion to one lead department and optional
// co-handling departments; the answer is due 3 months later (policy). A suggestion still at
// 提交 is registered on the way (the office has checked it by assigning it). A second 交办
// before the department signs for it corrects the assignment. 签收: the department (or the
// office for it) acknowledges it, and handling begins.
import { listDepartments } from '../../repositories/assignment-repo.ts';
import { handlerIds } from '../../repositories/contact-repo.ts';
import { writeAssignment } from '../../repositories/suggestion-detail-repo.ts';
import { findByNumber, findDepartmentByName, type SuggestionView } from '../../repositories/suggestion-query-repo.ts';
import { answerDeadlineFor, planReminders, todayOf } from './deadline-service.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { suggestionText as t } from './messages.ts';
import { tellPeople } from './notify.ts';
import { commit, lost, open, type Outcome } from './step.ts';

export interface AssignInput {
  lead: string;
  co?: string[];
}

async function resolveDepartments(deps: SuggestionDeps, orgId: number, names: string[]) {
  const found: { id: number; name: string }[] = [];
  for (const name of names) {
    const d = await findDepartmentByName(deps.db, orgId, name.trim());
    if (!d) return { ok: false as const, message: t.unknownDepartment(name.trim(), await listDepartments(deps.db, orgId)) };
    found.push(d);
  }
  return { ok: true as const, found };
}

/** A suggestion at 提交 is registered first, quietly: the assignment tells the deputy. */
async function registerOnTheWay(deps: SuggestionDeps, acting: Acting, orgId: number, view: SuggestionView): Promise<SuggestionView | undefined> {
  if (view.status !== 'submitted') return view;
  const opened = await open(deps, acting, orgId, view.number, 'register');
  if (!opened.ok) return undefined;
  const result = await commit(deps, acting, opened.view, { action: 'register', note: '随交办登记' });
  return result.kind === 'refused' ? undefined : findByNumber(deps.db, orgId, view.number);
}

export async function assignSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, input: AssignInput): Promise<Outcome> {
  const first = await findByNumber(deps.db, orgId, number);
  if (!first) return { ok: false, message: t.notFound(number) };
  // Who may, and whether now, before anything about departments.
  const allowed = await open(deps, acting, orgId, number, first.status === 'submitted' ? 'register' : 'assign');
  if (!allowed.ok) return allowed;
  if (!input.lead.trim()) return { ok: false, message: t.assignUsage(number) };
  const departments = await resolveDepartments(deps, orgId, [input.lead, ...(input.co ?? [])].filter((n) => n.trim() !== ''));
  if (!departments.ok) return departments;
  const [lead, ...co] = departments.found;
  const view = await registerOnTheWay(deps, acting, orgId, first);
  if (!view) return lost(first);
  const opened = await open(deps, acting, orgId, number, 'assign');
  if (!opened.ok) return opened;
  const deadline = await answerDeadlineFor(deps, orgId, todayOf(deps.now), opened.policy);
  const coNames = co.filter((d) => d.id !== lead!.id).map((d) => d.name);
  const note = `${lead!.name}（主办）${coNames.length ? `；${coNames.join('、')}（协办）` : ''}；答复期限 ${deadline}`;
  const result = await commit(deps, acting, opened.view, { action: 'assign', note, set: { assignedAt: deps.now, answerDeadline: deadline } });
  if (result.kind === 'refused') return lost(opened.view);
  const s = opened.view;
  await writeAssignment(deps.db, { orgId, suggestionId: s.id, rev: result.rev, lead: lead!.id, co: co.map((d) => d.id), now: deps.now });
  await planReminders(deps, { orgId, suggestionId: s.id, leadDepartmentId: lead!.id }, 'answer', deadline, opened.policy);
  const key = `sugg|${s.id}|${result.rev}`;
  await tellPeople(deps, orgId, [s.personId], `${key}|deputy`, t.deputy.assigned(s.number, lead!.name, deadline));
  for (const d of [lead!, ...co.filter((x) => x.id !== lead!.id)]) {
    const role = d.id === lead!.id ? 'lead' : 'co';
    await tellPeople(deps, orgId, await handlerIds(deps.db, orgId, d.name), `${key}|dept:${d.id}`, t.handler.assigned(s.number, s.title, d.name, role, deadline));
  }
  return { ok: true, view: s, message: t.done.assigned(s.number, lead!.name, coNames, deadline) };
}

export async function acceptSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, number: string): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'accept');
  if (!opened.ok) return opened;
  const { view } = opened;
  const lead = view.departments.find((d) => d.role === 'lead')?.name ?? '';
  const result = await commit(deps, acting, view, { action: 'accept', note: lead });
  if (result.kind === 'refused') return lost(view);
  await tellPeople(deps, orgId, [view.personId], `sugg|${view.id}|${result.rev}|deputy`, t.deputy.accepted(view.number, lead));
  return { ok: true, view, message: t.done.accepted(view.number) };
}
