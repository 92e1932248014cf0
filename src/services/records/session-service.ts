// Rule L4: the office marks which meetings are sessions of the people's congress (活动类型
// 会议, marked as a session). After each one ends, the bot checks every invitee's run of
// unapproved absences from sessions and warns office staff — only them, and it decides nothing.
import { sessionAbsencesInRow } from '../../domain/records/performance.ts';
import { yearPeriod } from '../../domain/records/periods.ts';
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { attendanceOutcomes } from '../../repositories/attendance-outcome-repo.ts';
import { officeStaffIds, personNames } from '../../repositories/contact-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { planRuns } from '../../repositories/scheduled-run-repo.ts';
import { findSessionActivity, sessionsEndedSince, sessionsOfPeople, setSession } from '../../repositories/session-repo.ts';
import { tellMany } from './notify.ts';
import { summaryText } from './messages.ts';
import type { Notifier } from '../suggestions/notify.ts';

export const SESSION_JOB = 'records:session';
/** A session's check is still worth running this long after it ended (a bot down for days). */
const CHECK_WINDOW_MS = 30 * 86_400_000;

export type SessionResult = { ok: true; message: string } | { ok: false; message: string };

export async function markSession(db: Db, orgId: number, activityId: number, on: boolean): Promise<SessionResult> {
  const activity = await findSessionActivity(db, orgId, activityId);
  if (!activity) return { ok: false, message: `没有编号为 ${activityId} 的活动` };
  if (activity.kind !== 'meeting') return { ok: false, message: `活动 ${activityId}「${activity.title}」不是“会议”类活动，不能标为代表大会会议` };
  await setSession(db, activityId, on);
  return { ok: true, message: on ? `活动 ${activityId}「${activity.title}」已标为代表大会会议：会后检查连续未经批准缺席的代表，提醒工作人员。` : `活动 ${activityId}「${activity.title}」不再作为代表大会会议。` };
}

/** Plans a check for each session that ended in the window (once per session: unique row). */
export async function planSessionChecks(db: Db, now: Date): Promise<number> {
  const ended = await sessionsEndedSince(db, new Date(now.getTime() - CHECK_WINDOW_MS), now);
  return planRuns(db, ended.map((a) => ({ orgId: a.orgId, job: SESSION_JOB, period: `activity:${a.id}`, dueAt: a.endAt, expiresAt: new Date(a.endAt.getTime() + CHECK_WINDOW_MS) })), now);
}

/** Rule L4: after a session, office staff hear of each invitee whose last sessions were all unapproved absences. */
export async function checkSession(deps: Notifier & { now: Date }, orgId: number, activityId: number): Promise<number> {
  const policy = await loadPolicy(deps.db, orgId);
  const session = await findSessionActivity(deps.db, orgId, activityId);
  if (!session || !session.isSession) return 0;
  const invited = (await attendanceOutcomes(deps.db, { orgId, activityIds: [activityId], from: session.startAt, to: new Date(session.startAt.getTime() + 1), now: deps.now })).map((o) => o.personId);
  if (!invited.length) return 0;
  // Sessions are rare (one or two a year): every session up to this one, over the term's years.
  const from = yearPeriod(shanghaiParts(session.startAt).date.year - 5).from;
  const sessions = await sessionsOfPeople(deps.db, orgId, from, new Date(session.startAt.getTime() + 1));
  const outcomes = await attendanceOutcomes(deps.db, { orgId, personIds: invited, activityIds: sessions.map((s) => s.id), from, to: new Date(session.startAt.getTime() + 1), now: deps.now });
  const staff = await officeStaffIds(deps.db, orgId);
  const names = await personNames(deps.db, invited);
  const titles = new Map(sessions.map((s) => [s.id, s.title]));
  let added = 0;
  for (const personId of invited) {
    const mine = outcomes.filter((o) => o.personId === personId);
    if (!sessionAbsencesInRow(mine.map((o) => o.outcome), policy)) continue;
    const last = mine.slice(-policy.sessionAbsencesInRow).map((o) => titles.get(o.activityId) ?? '');
    added += await tellMany(deps, orgId, staff, `l4|${activityId}|${personId}`, summaryText.sessionWarning(names.get(personId) ?? '', policy.sessionAbsencesInRow, last));
  }
  return added;
}
