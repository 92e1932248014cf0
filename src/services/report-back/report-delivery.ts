// Rule E2: a deputy's written report reaches the voters the policy's days before the report-back
// meeting (3), through a planned row per ballot (ScheduledRun, caught up after downtime). A
// report not in by then is chased with the deputy and the organiser, and goes out the moment
// it arrives (while the meeting is still ahead). Sent once per ballot (reportSentAt).
import { minuteOfDay, type Policy } from '../../domain/policy.ts';
import { reportYear } from '../../domain/records/report-year.ts';
import { shanghaiInstant, shanghaiParts } from '../../domain/shanghai-time.ts';
import { findAnnualReport } from '../../repositories/annual-report-repo.ts';
import { ballotsAwaitingReport, listVoters, markReportSent, type BallotRow } from '../../repositories/ballot-repo.ts';
import { personNames } from '../../repositories/contact-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { planRuns } from '../../repositories/scheduled-run-repo.ts';
import { splitText } from '../../lib/split-text.ts';
import { tellMany } from '../records/notify.ts';
import type { Notifier } from '../suggestions/notify.ts';
import { ballotText as t } from './messages.ts';

export const REPORT_SEND_JOB = 'records:report-send';

export interface DeliveryDeps extends Notifier {
  now: Date;
}

/** When the report is due at the voters: the policy's days before the meeting, at reminderTime. */
export function reportSendAt(start: Date, policy: Pick<Policy, 'reportToVotersDaysBefore' | 'reminderTime'>): Date {
  const { date } = shanghaiParts(start);
  return shanghaiInstant({ ...date, day: date.day - policy.reportToVotersDaysBefore }, 0, minuteOfDay(policy.reminderTime));
}

/** Plans the ballot's delivery row (once; a meeting already closer than that is due at once). */
export async function planReportDelivery(db: Db, ballot: BallotRow, start: Date, now: Date): Promise<void> {
  const policy = await loadPolicy(db, ballot.orgId);
  const at = reportSendAt(start, policy);
  const dueAt = at.getTime() < now.getTime() ? now : at;
  await planRuns(db, [{ orgId: ballot.orgId, job: REPORT_SEND_JOB, period: `ballot:${ballot.id}`, dueAt, expiresAt: start }], now);
}

async function activityOf(db: Db, ballot: BallotRow) {
  return db.activity.findUniqueOrThrow({ where: { id: ballot.activityId }, select: { title: true, startAt: true } });
}

/** The run: sends the report to the voters, or chases it. Returns how many outbox rows were new. */
export async function deliverReport(deps: DeliveryDeps, ballot: BallotRow): Promise<number> {
  if (ballot.reportSentAt) return 0;
  const activity = await activityOf(deps.db, ballot);
  const policy = await loadPolicy(deps.db, ballot.orgId);
  const year = reportYear(activity.startAt, policy);
  const report = await findAnnualReport(deps.db, ballot.orgId, ballot.deputyId, year);
  const names = await personNames(deps.db, [ballot.deputyId]);
  const deputy = names.get(ballot.deputyId) ?? '';
  if (!report) {
    const to = [ballot.deputyId, ...(ballot.organiserId ? [ballot.organiserId] : [])];
    return tellMany(deps, ballot.orgId, to, `e2-missing|${ballot.id}`, t.reportMissing(deputy, activity.title, activity.startAt));
  }
  return send(deps, ballot, { deputy, year, title: activity.title, start: activity.startAt, text: report.text, file: report.fileRef !== null });
}

async function send(deps: DeliveryDeps, ballot: BallotRow, r: { deputy: string; year: number; title: string; start: Date; text: string; file: boolean }): Promise<number> {
  if (!(await markReportSent(deps.db, ballot.id, deps.now))) return 0;
  const voters = await listVoters(deps.db, ballot.activityId);
  const card = voters.flatMap((v) => (v.personId ? [v.personId] : []));
  const body = r.text ? t.reportToVoters(r.deputy, r.year, r.title, r.start, r.text) : t.reportIsFile(r.deputy, r.year, r.title, r.start);
  let added = 0;
  // A long report goes in parts a chat message can hold, each part its own key.
  for (const [i, part] of splitText(body).entries()) added += await tellMany(deps, ballot.orgId, card, `e2|${ballot.id}|${i}`, part);
  if (ballot.organiserId) {
    added += await tellMany(deps, ballot.orgId, [ballot.organiserId], `e2-done|${ballot.id}`, t.reportSentToOrganiser(r.deputy, new Set(card).size, voters.length - card.length));
  }
  return added;
}

/**
 * A report handed in late: the ballots that waited for it (their delivery time has come, their
 * meeting has not started) get it now. Returns how many voters were sent it.
 */
export async function deliverWaitingReports(deps: DeliveryDeps, orgId: number, deputyId: number): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  let voters = 0;
  for (const ballot of await ballotsAwaitingReport(deps.db, deputyId)) {
    if (ballot.orgId !== orgId) continue;
    const activity = await activityOf(deps.db, ballot);
    const started = activity.startAt.getTime() <= deps.now.getTime();
    if (started || reportSendAt(activity.startAt, policy).getTime() > deps.now.getTime()) continue;
    if ((await deliverReport(deps, ballot)) > 0) voters += (await listVoters(deps.db, ballot.activityId)).filter((v) => v.personId).length;
  }
  return voters;
}
