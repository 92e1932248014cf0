// While a department handles a suggestion: 面商 (rule S2: the handling unit talks with the
// deputy face to face; date, place and who are recorded) and 延期 (rule S1: the department
// asks through the office, office staff approve; one extension of at most a month).
import { parseIsoDate, type IsoDate } from '../../domain/calendar/working-days.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { checkExtension } from '../../domain/suggestions/deadlines.ts';
import { handlerIds, officeStaffIds } from '../../repositories/contact-repo.ts';
import { pendingExtension, settleRequests, writeExtension, writeTalk } from '../../repositories/suggestion-detail-repo.ts';
import { findByNumber, type SuggestionView } from '../../repositories/suggestion-query-repo.ts';
import type { Policy } from '../../domain/policy.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { loadCalendar, warnAssumedYears } from '../calendar-service.ts';
import { planReminders, todayOf } from './deadline-service.ts';
import type { Acting, SuggestionDeps } from './deps.ts';
import { suggestionText as t } from './messages.ts';
import { tellPeople } from './notify.ts';
import { actorId, commit, lost, open, rolesOf, type Outcome } from './step.ts';

export interface TalkInput {
  heldOn: IsoDate;
  place: string;
  participants: string;
}

export const talkLimits = { place: [2, 50], participants: [2, 100] } as const;

export const talkText = {
  day: '请写明面商的日期，例如 2026-12-03。',
  future: '面商日期不能晚于今天：面商结束后再登记。',
  place: '请写明面商地点（2 到 50 字）。',
  participants: '请写明参加面商的人员（2 到 100 字），例如“县住建局李科长、代表李春梅”。',
};

function isCivilDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

function checkTalk(input: TalkInput, today: IsoDate): string | undefined {
  const len = (s: string) => [...s.trim()].length;
  if (!isCivilDate(input.heldOn)) return talkText.day;
  if (input.heldOn > today) return talkText.future;
  if (len(input.place) < talkLimits.place[0] || len(input.place) > talkLimits.place[1]) return talkText.place;
  if (len(input.participants) < talkLimits.participants[0] || len(input.participants) > talkLimits.participants[1]) return talkText.participants;
  return undefined;
}

const leadOf = (view: SuggestionView) => view.departments.find((d) => d.role === 'lead');

export async function recordTalk(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, input: TalkInput): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'talk');
  if (!opened.ok) return opened;
  const problem = checkTalk(input, todayOf(deps.now));
  if (problem) return { ok: false, message: problem };
  const { view, policy } = opened;
  const place = input.place.trim();
  const participants = input.participants.trim();
  const result = await commit(deps, acting, view, { action: 'talk', note: `${input.heldOn} ${place}；${participants}` });
  if (result.kind === 'refused') return lost(view);
  await writeTalk(deps.db, { orgId, suggestionId: view.id, rev: result.rev, heldOn: input.heldOn, place, participants, recordedById: actorId(acting), now: deps.now });
  const who = leadOf(view)?.name ?? policy.supervisingBody;
  await tellPeople(deps, orgId, [view.personId], `sugg|${view.id}|${result.rev}|deputy`, t.deputy.talked(view.number, who, input.heldOn, place));
  return { ok: true, view, message: t.done.talked(view.number) };
}

export interface ExtensionInput {
  /** The new answer deadline; office staff may leave it out to approve the department's request. */
  until?: IsoDate;
  reason?: string;
}

/** 延期: office staff grant (or approve the pending request); the lead department's handler asks. */
export async function extendSuggestion(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, input: ExtensionInput): Promise<Outcome> {
  const view = await findByNumber(deps.db, orgId, number);
  if (!view) return { ok: false, message: t.notFound(number) };
  const office = (await rolesOf(deps, acting, view)).has('office');
  return office ? grant(deps, acting, orgId, number, input) : request(deps, acting, orgId, number, input);
}

async function checked(deps: SuggestionDeps, orgId: number, view: SuggestionView, until: IsoDate, policy: Policy) {
  const calendar = await loadCalendar(deps.db, orgId);
  const current = view.answerDeadline ?? todayOf(deps.now);
  const { check, assumedYears } = checkExtension({ until, current, granted: view.extensions }, policy, calendar);
  await warnAssumedYears({ db: deps.db, outbound: deps.outbound, logger: deps.logger }, orgId, assumedYears);
  if (check.ok) return check;
  if (check.reason === 'none_left') return { ok: false as const, message: t.extensionNone(check.allowed) };
  if (check.reason === 'too_long') return { ok: false as const, message: t.extensionTooLong(check.limit, policy.suggestionExtensionMaxMonths) };
  return { ok: false as const, message: t.extensionNotLater(check.current) };
}

async function grant(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, input: ExtensionInput): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'extend');
  if (!opened.ok) return opened;
  const { view, policy } = opened;
  const pending = await pendingExtension(deps.db, view.id);
  const until = input.until ?? pending?.untilDate;
  if (!until) return { ok: false, message: t.extensionDateNeeded(number) };
  const ok = await checked(deps, orgId, view, until, policy);
  if (!ok.ok) return ok;
  const reason = (input.reason ?? pending?.reason ?? '').trim();
  const note = `答复期限 ${view.answerDeadline} 延至 ${ok.until}${reason ? `；${reason}` : ''}`;
  const result = await commit(deps, acting, view, {
    action: 'extend', note, set: { answerDeadline: ok.until }, addExtension: true, extensionsBelow: policy.suggestionExtensionsAllowed,
  });
  if (result.kind === 'refused') return { ok: false, message: t.extensionNone(policy.suggestionExtensionsAllowed) };
  await settleRequests(deps.db, view.id, 'approved', actorId(acting), deps.now);
  await writeExtension(deps.db, { orgId, suggestionId: view.id, rev: result.rev, status: 'granted', untilDate: ok.until, reason, requestedById: pending?.requestedById ?? null, decidedById: actorId(acting), now: deps.now });
  const lead = leadOf(view);
  await planReminders(deps, { orgId, suggestionId: view.id, leadDepartmentId: lead?.id }, 'answer', ok.until, policy);
  const key = `sugg|${view.id}|${result.rev}`;
  await tellPeople(deps, orgId, [view.personId], `${key}|deputy`, t.deputy.extended(view.number, ok.until));
  if (lead) await tellPeople(deps, orgId, await handlerIds(deps.db, orgId, lead.name), `${key}|dept`, t.handler.extended(view.number, ok.until));
  return { ok: true, view, message: t.done.extended(view.number, ok.until) };
}

async function request(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, input: ExtensionInput): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'request_extension');
  if (!opened.ok) return opened;
  const { view, policy } = opened;
  if (!input.until) return { ok: false, message: t.extensionDateNeeded(number) };
  const reason = (input.reason ?? '').trim();
  if ([...reason].length < 2 || [...reason].length > 200) return { ok: false, message: t.reasonNeeded('延期') };
  if (!hasMeaningfulText(reason)) return { ok: false, message: t.reasonWords('延期理由', t.extendReasonExample) };
  const ok = await checked(deps, orgId, view, input.until, policy);
  if (!ok.ok) return ok;
  const result = await commit(deps, acting, view, { action: 'request_extension', note: `申请延至 ${ok.until}；${reason}` });
  if (result.kind === 'refused') return lost(view);
  await writeExtension(deps.db, { orgId, suggestionId: view.id, rev: result.rev, status: 'requested', untilDate: ok.until, reason, requestedById: actorId(acting), decidedById: null, now: deps.now });
  const department = leadOf(view)?.name ?? '';
  await tellPeople(deps, orgId, await officeStaffIds(deps.db, orgId), `sugg|${view.id}|${result.rev}|office`, t.office.extensionRequest(view.number, department, ok.until, reason));
  return { ok: true, view, message: t.done.extensionRequested(view.number, ok.until, policy.supervisingBody) };
}

export type ExtensionContext =
  | { ok: true; mode: 'pending'; department: string; until: IsoDate; reason: string }
  | { ok: true; mode: 'grant' | 'request'; current: IsoDate | null }
  | { ok: false; message: string };

/** What 延期 means for this person now: approve the department's request, grant, or ask. */
export async function extensionContext(deps: SuggestionDeps, acting: Acting, orgId: number, number: string): Promise<ExtensionContext> {
  const view = await findByNumber(deps.db, orgId, number);
  if (!view) return { ok: false, message: t.notFound(number) };
  const office = (await rolesOf(deps, acting, view)).has('office');
  const opened = await open(deps, acting, orgId, number, office ? 'extend' : 'request_extension');
  if (!opened.ok) return opened;
  if (view.extensions >= opened.policy.suggestionExtensionsAllowed) return { ok: false, message: t.extensionNone(opened.policy.suggestionExtensionsAllowed) };
  const pending = office ? await pendingExtension(deps.db, view.id) : null;
  if (pending) return { ok: true, mode: 'pending', department: leadOf(view)?.name ?? '', until: pending.untilDate, reason: pending.reason };
  return { ok: true, mode: office ? 'grant' : 'request', current: view.answerDeadline };
}

/** Office staff approve the department's pending request (its date and reason), and nothing else. */
export async function approveExtension(deps: SuggestionDeps, acting: Acting, orgId: number, number: string): Promise<Outcome> {
  const c = await extensionContext(deps, acting, orgId, number);
  if (!c.ok) return c;
  if (c.mode !== 'pending') return { ok: false, message: t.noPendingExtension(number) };
  return extendSuggestion(deps, acting, orgId, number, {});
}

/** Office staff decline the department's request; the department keeps its deadline and is told. */
export async function declineExtension(deps: SuggestionDeps, acting: Acting, orgId: number, number: string): Promise<Outcome> {
  const opened = await open(deps, acting, orgId, number, 'extend');
  if (!opened.ok) return opened;
  const { view } = opened;
  const pending = await pendingExtension(deps.db, view.id);
  if (!pending) return { ok: false, message: t.noPendingExtension(number) };
  await settleRequests(deps.db, view.id, 'declined', actorId(acting), deps.now);
  const lead = leadOf(view);
  if (lead) await tellPeople(deps, orgId, await handlerIds(deps.db, orgId, lead.name), `sugg-ext-declined|${pending.id}`, t.handler.declined(view.number, view.answerDeadline ?? ''));
  return { ok: true, view, message: t.done.declined(view.number) };
}

/** Whether this date would be accepted as the new deadline (a dialog asks again if not). */
export async function checkExtensionDate(deps: SuggestionDeps, acting: Acting, orgId: number, number: string, until: IsoDate): Promise<Outcome> {
  const view = await findByNumber(deps.db, orgId, number);
  if (!view) return { ok: false, message: t.notFound(number) };
  const ok = await checked(deps, orgId, view, until, await loadPolicy(deps.db, orgId));
  return ok.ok ? { ok: true, view, message: '' } : ok;
}
