// Rule E1: every deputy hands in a written annual report (text, a file, or both) by the date the
// office sets (policy annualReportDue); those without one are reminded the policy's days before.
// A later submission replaces the earlier one. Rule E2: a report that was waited for by a
// report-back meeting goes to its voters as soon as it arrives.
import { monthDayOf, minuteOfDay, type Policy } from '../../domain/policy.ts';
import { reportYear } from '../../domain/records/report-year.ts';
import { shanghaiInstant } from '../../domain/shanghai-time.ts';
import { findAnnualReport, saveAnnualReport } from '../../repositories/annual-report-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { annualReportAuthors, listDeputies } from '../../repositories/record-repo.ts';
import type { Notifier } from '../suggestions/notify.ts';
import { deliverWaitingReports } from '../report-back/report-delivery.ts';
import { reportText as t } from './report-messages.ts';
import { tellMany } from './notify.ts';

export const REPORT_LIMITS = { min: 50, max: 20000 } as const;

export interface ReportDeps extends Notifier {
  now: Date;
}

export type ReportResult = { ok: true; year: number; message: string } | { ok: false; message: string };

/** The due instant of a year's report: the end of the policy's day (MM-DD). */
export function reportDueAt(year: number, policy: Pick<Policy, 'annualReportDue'>): Date {
  const { month, day } = monthDayOf(policy.annualReportDue);
  return shanghaiInstant({ year, month, day: day + 1 }, 0, 0);
}

export async function submitAnnualReport(deps: ReportDeps, r: { orgId: number; personId: number; text: string; fileRef: string | null }): Promise<ReportResult> {
  const length = [...r.text.trim()].length;
  if (!r.fileRef && length < REPORT_LIMITS.min) return { ok: false, message: t.tooShort(REPORT_LIMITS.min) };
  if (length > REPORT_LIMITS.max) return { ok: false, message: t.tooLong(REPORT_LIMITS.max) };
  const policy = await loadPolicy(deps.db, r.orgId);
  const year = reportYear(deps.now, policy);
  const saved = await saveAnnualReport(deps.db, { orgId: r.orgId, personId: r.personId, year, text: r.text.trim(), fileRef: r.fileRef, now: deps.now });
  const late = deps.now.getTime() >= reportDueAt(year, policy).getTime();
  const sent = await deliverWaitingReports(deps, r.orgId, r.personId);
  return { ok: true, year, message: t.saved(year, length, r.fileRef !== null, saved.replaced, late, sent, policy.supervisingBody) };
}

export async function annualReportOf(db: Db, orgId: number, personId: number, year: number) {
  return findAnnualReport(db, orgId, personId, year);
}

/** When each of the year's reminders is due (policy annualReportRemindDays before the due day, at reminderTime). */
export function reportReminderTimes(year: number, policy: Policy): { daysBefore: number; dueAt: Date; expiresAt: Date }[] {
  const due = reportDueAt(year, policy);
  const send = minuteOfDay(policy.reminderTime) * 60_000;
  return policy.annualReportRemindDays.map((days) => ({ daysBefore: days, dueAt: new Date(due.getTime() - (days + 1) * 86_400_000 + send), expiresAt: due }));
}

/** Rule E1: reminds the deputies who have no report for the year yet. */
export async function sendReportReminders(deps: ReportDeps, orgId: number, year: number, daysBefore: number): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  const deputies = await listDeputies(deps.db, orgId);
  const done = await annualReportAuthors(deps.db, orgId, deputies.map((d) => d.id), year);
  const due = new Date(reportDueAt(year, policy).getTime() - 1);
  const missing = deputies.filter((d) => !done.has(d.id)).map((d) => d.id);
  return tellMany(deps, orgId, missing, `e1-remind|${orgId}|${year}|${daysBefore}`, t.reminder(year, due));
}
