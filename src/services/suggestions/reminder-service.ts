// For the scheduler (rule S1): the planned reminders that fell due go out — to office staff
// for assignment deadlines, to office staff and the lead department's handlers for answer
// deadlines — one message per audience listing its suggestions. A row whose deadline has
// changed, whose suggestion has moved on, or whose day has passed is skipped. Batches are
// keyed before the outbox row is written (see suggestion-reminder-repo), so a restart sends
// nothing twice and catches up what is still due.
import { daysPast } from '../../domain/suggestions/deadlines.ts';
import { AWAITING_ANSWER, AWAITING_ASSIGNMENT, type SuggestionStatus } from '../../domain/suggestions/lifecycle.ts';
import { handlerIds, officeStaffIds } from '../../repositories/contact-repo.ts';
import { findSuggestions, type SuggestionView } from '../../repositories/suggestion-query-repo.ts';
import * as reminders from '../../repositories/suggestion-reminder-repo.ts';
import { todayOf } from './deadline-service.ts';
import type { SuggestionDeps } from './deps.ts';
import { suggestionText as t } from './messages.ts';
import { tellPeople } from './notify.ts';

type Row = reminders.ReminderRow;
const MAX_LINES = 50;

function stillDue(row: Row, view: SuggestionView | undefined, today: string): boolean {
  if (!view || row.deadline < today) return false;
  if (row.kind.endsWith('-before') && row.deadline <= today) return false; // the day's own reminder says it
  if (row.kind.startsWith('assign')) return AWAITING_ASSIGNMENT.includes(view.status as SuggestionStatus) && view.assignDeadline === row.deadline;
  const lead = view.departments.find((d) => d.role === 'lead');
  const audienceOk = row.audience === 'office' || row.audience === `dept:${lead?.id}`;
  return audienceOk && AWAITING_ANSWER.includes(view.status as SuggestionStatus) && view.answerDeadline === row.deadline;
}

/** Step one: due rows that still matter join a batch per (organisation, audience). */
async function batchDue(deps: SuggestionDeps, today: string): Promise<void> {
  const due = await reminders.duePlannedReminders(deps.db, deps.now);
  if (due.length === 0) return;
  const views = await findSuggestions(deps.db, due.map((r) => r.suggestionId));
  const keep = due.filter((r) => stillDue(r, views.get(r.suggestionId), today));
  await reminders.skipReminders(deps.db, due.filter((r) => !keep.includes(r)).map((r) => r.id));
  const groups = new Map<string, Row[]>();
  for (const r of keep) groups.set(`${r.orgId}|${r.audience}`, [...(groups.get(`${r.orgId}|${r.audience}`) ?? []), r]);
  for (const [group, rows] of groups) await reminders.batchReminders(deps.db, rows.map((r) => r.id), `sugg-reminder|${group}|${rows[0]!.id}`);
}

async function recipients(deps: SuggestionDeps, orgId: number, audience: string, views: SuggestionView[]): Promise<number[]> {
  if (audience === 'office') return officeStaffIds(deps.db, orgId);
  const departmentId = Number(audience.slice('dept:'.length));
  const name = views.flatMap((v) => v.departments).find((d) => d.id === departmentId)?.name;
  return name ? handlerIds(deps.db, orgId, name) : [];
}

/** Step two: each batch becomes one message under its batch key. */
async function writeBatch(deps: SuggestionDeps, batchKey: string, rows: Row[], today: string): Promise<number> {
  const orgId = rows[0]!.orgId;
  const audience = rows[0]!.audience;
  const views = await findSuggestions(deps.db, rows.map((r) => r.suggestionId));
  const lines = [...new Map(rows.map((r) => [r.suggestionId, r])).values()].flatMap((r) => {
    const v = views.get(r.suggestionId);
    if (!v) return [];
    const kind = r.kind.startsWith('assign') ? '交办期限' : '答复期限';
    return [t.reminder.line(v.number, v.title, kind, r.deadline, -daysPast(r.deadline, today))];
  });
  const people = await recipients(deps, orgId, audience, [...views.values()]);
  if (lines.length === 0 || people.length === 0) return 0;
  const footer = audience === 'office' ? t.reminder.footerOffice : t.reminder.footerHandler;
  const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), t.reminder.more(lines.length - MAX_LINES)] : lines;
  return tellPeople(deps, orgId, people, batchKey, [t.reminder.title(lines.length), ...shown, footer].join('\n'));
}

export async function sendSuggestionReminders(deps: SuggestionDeps): Promise<number> {
  const today = todayOf(deps.now);
  await batchDue(deps, today);
  let written = 0;
  for (const [batchKey, rows] of await reminders.queuedReminderBatches(deps.db)) {
    written += await writeBatch(deps, batchKey, rows, today);
    await reminders.markReminderBatchSent(deps.db, batchKey, deps.now);
  }
  return written;
}
