// The records' part of the scheduler tick (rules P2, P3, E1, E2, L4). Everything is a planned
// row (ScheduledRun) with a unique (organisation, job, period): the diary reminder of a month
// (on diaryReminderDay), the annual-report reminders (annualReportRemindDays before the due
// day), the year's summaries (yearSummaryDate of the next year), a check after each congress
// session, and each ballot's report delivery (planned when the ballot is set up). Rows are
// planned ahead, so a bot that was down over a day catches up while the message still holds
// (until the row's expiresAt) and reports it missed after that, never late.
import { minuteOfDay, monthDayOf, type Policy } from '../../domain/policy.ts';
import { reportYear } from '../../domain/records/report-year.ts';
import { addMonths, shanghaiInstant, shanghaiParts } from '../../domain/shanghai-time.ts';
import type { Clock } from '../../lib/clock.ts';
import { errorLine } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { findBallot } from '../../repositories/ballot-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { dueRuns, finishRun, planRuns, type NewScheduledRun } from '../../repositories/scheduled-run-repo.ts';
import { CATCH_UP_MS } from '../notices/send-due-notices.ts';
import type { Outbound } from '../outbound.ts';
import { deliverReport, REPORT_SEND_JOB } from '../report-back/report-delivery.ts';
import { reportReminderTimes, sendReportReminders } from './annual-report-service.ts';
import { sendDiaryReminders } from './diary-reminders.ts';
import { checkSession, planSessionChecks, SESSION_JOB } from './session-service.ts';
import { sendYearSummaries } from './year-summary-service.ts';

export const RECORDS_JOB = 'records:';
const DIARY_JOB = 'records:diary';
const REMIND_JOB = 'records:report-remind:';
const SUMMARY_JOB = 'records:year-summary';
/** The year's summaries are still worth sending this long after their day. */
const SUMMARY_CATCH_UP_MS = 30 * 86_400_000;

export interface RecordsDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  logger: Logger;
  onRunMissed?(job: string): void;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The rows one organisation's policy asks for around `now` (diary this month and next, this and last year's report and summary). */
export function recordRuns(orgId: number, policy: Policy, now: Date): NewScheduledRun[] {
  const { date } = shanghaiParts(now);
  const send = minuteOfDay(policy.reminderTime);
  const rows: NewScheduledRun[] = [];
  for (const m of [{ year: date.year, month: date.month, day: 1 }, addMonths(date, 1)]) {
    const next = addMonths(m, 1);
    rows.push({ orgId, job: DIARY_JOB, period: `${m.year}-${pad(m.month)}`, dueAt: shanghaiInstant({ ...m, day: policy.diaryReminderDay }, 0, send), expiresAt: shanghaiInstant(next, 0, 0) });
  }
  for (const year of new Set([reportYear(now, policy), date.year])) {
    for (const r of reportReminderTimes(year, policy)) rows.push({ orgId, job: `${REMIND_JOB}${r.daysBefore}`, period: String(year), dueAt: r.dueAt, expiresAt: r.expiresAt });
  }
  const summaryDay = monthDayOf(policy.yearSummaryDate);
  for (const year of [date.year - 1, date.year]) {
    const dueAt = shanghaiInstant({ year: year + 1, ...summaryDay }, 0, send);
    rows.push({ orgId, job: SUMMARY_JOB, period: String(year), dueAt, expiresAt: new Date(dueAt.getTime() + SUMMARY_CATCH_UP_MS) });
  }
  // A row first planned long after its day (a fresh install) is left out, as notices are.
  return rows.filter((r) => r.dueAt.getTime() > now.getTime() - CATCH_UP_MS && r.expiresAt.getTime() > now.getTime());
}

export async function planRecordRuns(db: Db, now: Date): Promise<number> {
  const orgs = await db.organisation.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const rows: NewScheduledRun[] = [];
  for (const org of orgs) rows.push(...recordRuns(org.id, await loadPolicy(db, org.id), now));
  return (await planRuns(db, rows, now)) + (await planSessionChecks(db, now));
}

/** Runs one due row; returns how many outbox rows were new. */
async function runOne(deps: RecordsDeps, run: { orgId: number; job: string; period: string }, now: Date): Promise<number> {
  const d = { db: deps.db, outbound: deps.outbound, now };
  if (run.job === DIARY_JOB) {
    const [year, month] = run.period.split('-').map(Number) as [number, number];
    return sendDiaryReminders(d, run.orgId, year, month);
  }
  if (run.job.startsWith(REMIND_JOB)) return sendReportReminders(d, run.orgId, Number(run.period), Number(run.job.slice(REMIND_JOB.length)));
  if (run.job === SUMMARY_JOB) return sendYearSummaries(d, run.orgId, Number(run.period));
  if (run.job === SESSION_JOB) return checkSession(d, run.orgId, Number(run.period.replace('activity:', '')));
  if (run.job === REPORT_SEND_JOB) {
    const ballot = await findBallot(deps.db, run.orgId, Number(run.period.replace('ballot:', '')));
    return ballot ? deliverReport(d, ballot) : 0;
  }
  throw new Error(`unknown records job ${run.job}`);
}

export async function sendDueRecordRuns(deps: RecordsDeps): Promise<number> {
  const now = deps.clock.now();
  let written = 0;
  for (const run of await dueRuns(deps.db, RECORDS_JOB, now)) {
    if (run.expiresAt.getTime() <= now.getTime()) {
      if (await finishRun(deps.db, run.id, 'missed', now)) {
        deps.logger.warn({ orgId: run.orgId, job: run.job, period: run.period, dueAt: run.dueAt }, 'records reminder not sent in its window (the bot was not running): not sent late');
        deps.onRunMissed?.(run.job);
      }
      continue;
    }
    written += await runOne(deps, run, now);
    await finishRun(deps.db, run.id, 'done', now);
  }
  return written;
}

const PLAN_EVERY_MS = 60 * 60_000;
const lastPlanned = new WeakMap<object, number>();

/** For the tick: plans at most hourly, sends what is due every tick, logs rather than throws. */
export async function runRecordsSchedule(deps: RecordsDeps): Promise<void> {
  const now = deps.clock.now();
  try {
    if (now.getTime() - (lastPlanned.get(deps) ?? Number.NEGATIVE_INFINITY) >= PLAN_EVERY_MS) {
      await planRecordRuns(deps.db, now);
      lastPlanned.set(deps, now.getTime());
    }
    const written = await sendDueRecordRuns(deps);
    if (written) deps.logger.info({ written }, 'records reminders sent');
  } catch (err) {
    deps.logger.error({ err: errorLine(err) }, 'records schedule failed');
  }
}
