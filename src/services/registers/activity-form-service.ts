// Rule A5, the quarterly 代表小组集体活动登记表: drafted from the quarter's activities, sent to
// each group's leaders to check and confirm by card (with the draft as a file), chased while
// unconfirmed, and delivered to the supervising body's staff when a leader confirms it; on the
// due day the staff hear which forms are missing (src/domain/registers/activity-form.ts has the
// days). Each message and file has a key of the form and step, so restarts and a second
// instance send each once; confirming is one conditional statement, so the first of two
// leaders wins. Only a confirmation sends a form: the bot never reports what a leader has not checked.
import { buildCard } from '../../bot/card-catalog.ts';
import { formDueDate, formOnTime } from '../../domain/registers/activity-form.ts';
import { quarterLabel, type Quarter } from '../../domain/quarterly-duties.ts';
import { formatDate, shanghaiParts } from '../../domain/shanghai-time.ts';
import type { Policy } from '../../domain/policy.ts';
import { keyOnChannel } from '../../platforms/types.ts';
import { draftForm, findFormOf, formsOf, type FormRow } from '../../repositories/activity-form-repo.ts';
import { requestExport } from '../../repositories/export-request-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { allHeldActivities } from '../../repositories/register-activity-repo.ts';
import { audienceFrom, peopleByChannel, reachOf, sendTextsToPeople, type PeopleText } from '../audience.ts';
import type { Outbound, OutboundItem } from '../outbound.ts';
import { GROUP_LEADER_ROLES } from '../quarterly/quarterly-reminders.ts';
import { kindLabel, day } from './format.ts';
import { formText as m } from './messages.ts';
import { officeStaff, unitRoles } from './office-recipients.ts';

export interface FormDeps {
  db: Db;
  outbound: Outbound;
  now: Date;
  /** Files were asked for: wake the worker that builds them (without it, it polls). */
  onFilesRequested?: () => void;
}

const QUOTE_LINES = 6;
/** A chase never follows its own draft within a day (a bot that catches up both at once). */
const CHASE_AFTER_DRAFT_MS = 24 * 3600_000;

export const formKey = (form: { id: number }, step: string) => `activity-form|${form.id}|${step}`;

/**
 * Asks for the 活动登记表 file of one group and quarter for these people: one request per
 * platform they are reached on (the audience rule), each under its own key. True when one was new.
 */
export async function requestFormFile(db: Db, form: FormRow, q: Quarter, step: string, personIds: number[], caption: string, now: Date): Promise<boolean> {
  let requested = false;
  for (const [channel, recipients] of peopleByChannel(await reachOf(db, form.orgId, personIds), personIds)) {
    requested = (await requestExport(db, {
      orgId: form.orgId, sourceKey: keyOnChannel(formKey(form, `${step}-file`), channel), channel, recipients, book: '活动登记表', unitId: form.unitId,
      fromDay: day(q.start), toDay: day(new Date(q.end.getTime() - 1)), fullNames: false, caption,
    }, now)) || requested;
  }
  return requested;
}

/** Rule A5: drafts every group's form for the quarter and sends each to its leaders; returns how many were drafted now. */
export async function draftForms(deps: FormDeps, orgId: number, q: Quarter): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  const groups = await deps.db.unit.findMany({ where: { orgId, kind: 'group' }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  let drafted = 0;
  for (const group of groups) {
    const activities = await allHeldActivities(deps.db, { orgId, unitId: group.id, from: q.start, to: q.end, now: deps.now });
    if (await draftForm(deps.db, { orgId, unitId: group.id, quarter: q.id, activityCount: activities.length, at: deps.now })) drafted++;
    // Sent again after a crash between the insert and the send: the keys make it once.
    const form = (await findFormOf(deps.db, group.id, q.id))!;
    if (form.status !== 'awaiting') continue;
    const leaders = await sendCard(deps, { form, unitName: group.name, q, policy, activities, step: 'draft' });
    const caption = m.draftCaption(m.quarterName(group.name, quarterLabel(q)));
    if (leaders.length && (await requestFormFile(deps.db, form, q, 'draft', leaders, caption, deps.now))) deps.onFilesRequested?.();
  }
  return drafted;
}

/** Rule A5: leaders of forms still unconfirmed get a line and the card again (step: chase or last_call). */
export async function chaseForms(deps: FormDeps, orgId: number, q: Quarter, step: 'chase' | 'last_call'): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  const due = formatDate(formDueDate(q, policy));
  let chased = 0;
  for (const form of await formsOf(deps.db, orgId, q.id, 'awaiting')) {
    if (deps.now.getTime() - form.draftedAt.getTime() < CHASE_AFTER_DRAFT_MS) continue;
    const unitName = await unitNameOf(deps.db, form.unitId);
    const name = m.quarterName(unitName, quarterLabel(q));
    const text = step === 'chase' ? m.chase(name, due, policy.supervisingBody) : m.lastCall(name, due, policy.supervisingBody);
    const activities = await allHeldActivities(deps.db, { orgId, unitId: form.unitId, from: q.start, to: q.end, now: deps.now });
    if ((await sendCard(deps, { form, unitName, q, policy, activities, step, text })).length) chased++;
  }
  return chased;
}

/** Rule A5, on the due day: the staff hear which forms are missing; those groups' leaders are told it is late. */
export async function reportMissingForms(deps: FormDeps, orgId: number, q: Quarter): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  const missing = await formsOf(deps.db, orgId, q.id, 'awaiting');
  if (!missing.length) return 0;
  const lines: string[] = [];
  const texts: PeopleText[] = [];
  for (const form of missing) {
    const unitName = await unitNameOf(deps.db, form.unitId);
    const leaders = await unitRoles(deps.db, form.unitId, GROUP_LEADER_ROLES);
    lines.push(m.overdueLine(unitName, leaders.names));
    texts.push({ key: formKey(form, 'overdue-text'), personIds: leaders.personIds, text: m.overdueToLeaders(m.quarterName(unitName, quarterLabel(q)), policy.supervisingBody) });
  }
  const staff = await officeStaff(deps.db, orgId);
  texts.push({ key: `activity-form|${orgId}|${q.id}|overdue-staff`, personIds: staff.personIds, text: m.overdueToStaff(quarterLabel(q), formatDate(formDueDate(q, policy)), lines) });
  return sendTextsToPeople(deps, orgId, texts);
}

async function unitNameOf(db: Db, unitId: number): Promise<string> {
  return (await db.unit.findUniqueOrThrow({ where: { id: unitId }, select: { name: true } })).name;
}

type Held = Awaited<ReturnType<typeof allHeldActivities>>;
interface CardInput { form: FormRow; unitName: string; q: Quarter; policy: Policy; activities: Held; step: string; text?: string }

/** The form's card (and a line before it) to the group's leaders, each on their own platform; returns the person ids of those reached. */
async function sendCard(deps: FormDeps, c: CardInput): Promise<number[]> {
  const leaders = await unitRoles(deps.db, c.form.unitId, GROUP_LEADER_ROLES);
  const reach = await reachOf(deps.db, c.form.orgId, leaders.personIds);
  if (reach.size === 0) return [];
  const audience = audienceFrom(reach, leaders.personIds);
  const card = formCard(c, deps.now);
  for (const [channel, toUsers] of audience) {
    const items: OutboundItem[] = [{ key: keyOnChannel(formKey(c.form, `${c.step}-card`), channel), message: { kind: 'card', toUsers, card } }];
    if (c.text) items.unshift({ key: keyOnChannel(formKey(c.form, `${c.step}-text`), channel), message: { kind: 'text', toUsers, text: c.text } });
    await deps.outbound.send(c.form.orgId, channel, items);
  }
  return leaders.personIds.filter((id) => reach.has(id));
}

function formCard(c: CardInput, now: Date) {
  const due = formatDate(formDueDate(c.q, c.policy));
  const today = shanghaiParts(now).date;
  const lines = c.activities.map((a) => m.activityLine(day(a.startAt).slice(5), kindLabel(a.kind), a.title));
  const quote = lines.length ? [...lines.slice(0, QUOTE_LINES), ...(lines.length > QUOTE_LINES ? ['……'] : [])].join('\n') : m.noActivities;
  return buildCard('activity-form', {
    taskId: `activity-form-${c.form.id}-${c.step}`,
    argument: String(c.form.id),
    vars: {
      unit: c.unitName, quarter: quarterLabel(c.q), description: m.cardDescription, count: String(c.activities.length), correct: m.cardCorrect,
      asOf: m.asOf(today.month, today.day), activities: quote, due: formOnTime(c.q, c.policy, now) ? m.dueOnTime(due) : m.duePassed(due), body: c.policy.supervisingBody,
    },
  });
}
