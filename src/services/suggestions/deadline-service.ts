// Deadlines of a suggestion on the organisation's calendar (rules S1, S3, S4), and the
// reminders planned before each one: to the office for assignment; to the office and the lead
// department's handlers for the answer. A year without holiday data is reported to the office
// once (calendar-service).
import type { Checked, IsoDate } from '../../domain/calendar/working-days.ts';
import type { Policy } from '../../domain/policy.ts';
import { shanghaiInstant, shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import { parseIsoDate } from '../../domain/calendar/working-days.ts';
import { answerDeadline, assignmentDeadline, reminderDay, type AssignmentBasis } from '../../domain/suggestions/deadlines.ts';
import { insertReminders, type NewReminder } from '../../repositories/suggestion-reminder-repo.ts';
import { loadCalendar, warnAssumedYears } from '../calendar-service.ts';
import type { SuggestionDeps } from './deps.ts';

/** Reminders go out from 09:00 Shanghai time on their day. */
export const REMINDER_HOUR = 9;

export const todayOf = (now: Date): IsoDate => shanghaiIsoDate(now);

async function settle(deps: SuggestionDeps, orgId: number, result: Checked<IsoDate>): Promise<IsoDate> {
  await warnAssumedYears({ db: deps.db, outbound: deps.outbound, logger: deps.logger }, orgId, result.assumedYears);
  return result.value;
}

export async function assignDeadlineFor(deps: SuggestionDeps, orgId: number, basis: AssignmentBasis, policy: Policy): Promise<IsoDate> {
  return settle(deps, orgId, assignmentDeadline(basis, policy, await loadCalendar(deps.db, orgId)));
}

export async function answerDeadlineFor(deps: SuggestionDeps, orgId: number, startOn: IsoDate, policy: Policy, redo = false): Promise<IsoDate> {
  return settle(deps, orgId, answerDeadline(startOn, policy, await loadCalendar(deps.db, orgId), redo));
}

export type DeadlineFamily = 'assign' | 'answer';

/**
 * Plans the reminders for a deadline just set: some days before (policy) and on the day, at
 * 09:00. Rows are unique per deadline, so planning again changes nothing, and a changed
 * deadline plans its own rows (the old ones are skipped when they come due).
 */
export async function planReminders(
  deps: SuggestionDeps,
  s: { orgId: number; suggestionId: number; leadDepartmentId?: number },
  family: DeadlineFamily,
  deadline: IsoDate,
  policy: Policy,
): Promise<void> {
  const calendar = await loadCalendar(deps.db, s.orgId);
  const days = family === 'assign' ? policy.suggestionAssignRemindDays : policy.suggestionAnswerRemindDays;
  const before = reminderDay(deadline, days, calendar, todayOf(deps.now));
  await warnAssumedYears({ db: deps.db, outbound: deps.outbound, logger: deps.logger }, s.orgId, before.assumedYears);
  const at = (day: IsoDate) => shanghaiInstant(parseIsoDate(day), REMINDER_HOUR, 0);
  const audiences = ['office', ...(family === 'answer' && s.leadDepartmentId ? [`dept:${s.leadDepartmentId}`] : [])];
  const rows: NewReminder[] = [];
  for (const audience of audiences) {
    const base = { orgId: s.orgId, suggestionId: s.suggestionId, deadline, audience };
    if (before.value < deadline) rows.push({ ...base, kind: `${family}-before`, dueAt: at(before.value) });
    rows.push({ ...base, kind: `${family}-due`, dueAt: at(deadline) });
  }
  await insertReminders(deps.db, rows);
}
