// Reminders to the approvers of a pending leave request (rule L1: leave is decided in advance).
// Planned as Notice rows (personId 0, revision = the activity's) when the leave is submitted:
//   approval:<leaveId>:24h     24 hours after submission;
//   approval:<leaveId>:before  the day before the activity at 09:00 (Shanghai), or 2 hours before
//                              its start when 09:00 the day before is too close to the submission.
// When due, the reminder goes to the approvers only if the leave is still pending, the activity
// has not started or been cancelled, and the row belongs to the activity's current revision;
// otherwise the row is skipped. An edit of the activity re-plans the reminders of its pending
// leaves under the new revision, so a moved activity's old reminder time never fires. A reminder
// is worth sending until the activity starts, so a bot that was down over it catches it up at
// once when it is back, however late (not only within the notices' 24 hours); when both of a
// leave's reminders are found due together, only the later one goes. Sending follows the notice
// sender's two steps (assign a batch key, then write the outbox row under that key).
import { addDays, shanghaiInstant, shanghaiParts, formatDateTime } from '../../domain/shanghai-time.ts';
import { leaveMessages as m } from '../../flows/leave/messages.ts';
import { findApprovalCards, personName } from '../../repositories/leave-repo.ts';
import type { Channel } from '../../platforms/types.ts';
import * as notices from '../../repositories/notice-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { NoticeDeps } from './send-due-notices.ts';

const HOUR = 3600_000;
/** A reminder closer than this to the submission (the card has just arrived) is not planned. */
const MIN_GAP_MS = 2 * HOUR;
export const APPROVAL_PREFIX = 'approval:';
const BATCH_PREFIX = 'approval|';

type NoticeRow = notices.DueNotice;

/**
 * When to remind the approvers of a leave submitted at `submittedAt` for an activity at
 * `startAt`; re-planned after a move, `now` rules out a day-before time already past.
 */
export function approvalReminderTimes(submittedAt: Date, startAt: Date, now: Date = submittedAt): { after24h?: Date; before?: Date } {
  const earliest = submittedAt.getTime() + MIN_GAP_MS;
  const dayBefore = shanghaiInstant(addDays(shanghaiParts(startAt).date, -1), 9, 0);
  const twoHoursBefore = new Date(startAt.getTime() - 2 * HOUR);
  const before = [dayBefore, twoHoursBefore].find((t) => t.getTime() >= earliest && t.getTime() > now.getTime());
  const after24h = new Date(submittedAt.getTime() + 24 * HOUR);
  // The 24-hour reminder only when it comes first: otherwise the one before the activity suffices.
  const useAfter24h = after24h < (before ?? startAt);
  return { ...(useAfter24h ? { after24h } : {}), ...(before ? { before } : {}) };
}

export async function planApprovalReminders(
  db: Db, leave: { leaveId: number; orgId: number; activityId: number; startAt: Date }, now: Date,
): Promise<void> {
  const activity = await db.activity.findUnique({ where: { id: leave.activityId }, select: { revision: true, startAt: true } });
  if (!activity) return;
  await notices.insertPlanned(db, reminderRows({ ...leave, ...activity, submittedAt: now }, now, { after24h: true }), now);
}

/** The planned rows for one leave at the activity's current revision, only those still ahead. */
function reminderRows(
  p: { leaveId: number; orgId: number; activityId: number; revision: number; startAt: Date; submittedAt: Date }, now: Date, want: { after24h: boolean },
): notices.NewNotice[] {
  const times = approvalReminderTimes(p.submittedAt, p.startAt, now);
  const base = { orgId: p.orgId, activityId: p.activityId, revision: p.revision, personId: 0 };
  return [
    want.after24h && times.after24h && { ...base, kind: `${APPROVAL_PREFIX}${p.leaveId}:24h`, dueAt: times.after24h },
    times.before && { ...base, kind: `${APPROVAL_PREFIX}${p.leaveId}:before`, dueAt: times.before },
  ].filter((r): r is notices.NewNotice => !!r && r.dueAt.getTime() > now.getTime());
}

/**
 * After an edit of the activity (its revision went up, its start may have moved): the pending
 * leaves' reminders of older revisions are dropped and re-planned from the new start. A 24-hour
 * reminder already sent is not planned again.
 */
export async function replanApprovalReminders(db: Db, activityId: number, now: Date): Promise<number> {
  const activity = await db.activity.findUnique({ where: { id: activityId }, select: { orgId: true, revision: true, startAt: true, status: true } });
  if (!activity || activity.status !== 'scheduled') return 0;
  const pending = await db.leaveRequest.findMany({ where: { activityId, status: 'pending' }, select: { id: true, createdAt: true } });
  let planned = 0;
  for (const leave of pending) {
    await notices.dropPlannedKinds(db, activityId, `${APPROVAL_PREFIX}${leave.id}:`, activity.revision);
    const sent24h = await notices.countGone(db, activityId, `${APPROVAL_PREFIX}${leave.id}:24h`);
    const rows = reminderRows({ leaveId: leave.id, activityId, ...activity, submittedAt: leave.createdAt }, now, { after24h: sent24h === 0 });
    planned += await notices.insertPlanned(db, rows, now);
  }
  return planned;
}

export const isApprovalReminder = (row: { kind: string }) => row.kind.startsWith(APPROVAL_PREFIX);
export const isApprovalBatch = (batchKey: string) => batchKey.startsWith(BATCH_PREFIX);

/**
 * Step one: a due reminder whose leave still waits gets its batch key; the others are skipped,
 * and so is an earlier reminder of the same leave found due together with a later one (a bot
 * back from downtime sends one reminder, not two at once).
 */
export async function batchApprovalReminders(deps: NoticeDeps, rows: NoticeRow[]): Promise<void> {
  const latest = new Map<string, NoticeRow>();
  for (const row of [...rows].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) latest.set(leaveIdOf(row), row);
  for (const row of rows) {
    const leave = latest.get(leaveIdOf(row)) === row && (await pendingLeave(deps, row));
    if (leave) await notices.assignBatch(deps.db, [row.id], `${BATCH_PREFIX}${row.id}`);
    else await notices.markSkipped(deps.db, [row.id]);
  }
}

const leaveIdOf = (row: { kind: string }) => row.kind.split(':')[1]!;

/** Step two: the reminder text to the approvers, under the batch key (written once). */
export async function writeApprovalReminder(deps: NoticeDeps, batchKey: string, rows: NoticeRow[]): Promise<number> {
  const row = rows[0];
  const leave = row && (await pendingLeave(deps, row));
  if (!leave) return 0; // decided between the two steps: nothing to remind of
  const copies = (await findApprovalCards(deps.db, leave)).filter((c) => c.userIds.length);
  if (!copies.length) return 0;
  const text = (row.kind.endsWith(':before') ? m.approvalReminderBefore : m.approvalReminder)(
    await personName(deps.db, leave.personId), leave.activity.title, formatDateTime(leave.activity.startAt),
  );
  let added = 0;
  // Each copy's approvers on the channel their card went to; the first copy keeps the batch key.
  for (const c of copies) added += await deps.outbound.send(leave.orgId, c.channel as Channel, [{ key: `${batchKey}${c.suffix}`, message: { kind: 'text', toUsers: c.userIds, text } }]);
  return added;
}

async function pendingLeave(deps: NoticeDeps, row: NoticeRow) {
  const leaveId = Number(leaveIdOf(row));
  const leave = await deps.db.leaveRequest.findUnique({
    where: { id: leaveId },
    include: { activity: { select: { title: true, startAt: true, status: true, revision: true } } },
  });
  const waiting = leave?.status === 'pending' && leave.activity.status === 'scheduled' && leave.activity.startAt > deps.clock.now();
  return waiting && !isStale(row, leave.activity) ? leave : undefined;
}

/**
 * A reminder planned for an earlier version of the activity (it was moved since). Rows planned
 * before reminders carried the revision have revision 0: for those, a day-before reminder that
 * no longer fits the start is stale.
 */
function isStale(row: NoticeRow, activity: { revision: number; startAt: Date }): boolean {
  if (row.revision !== 0) return row.revision !== activity.revision;
  if (!row.kind.endsWith(':before')) return false;
  const dayBefore = shanghaiInstant(addDays(shanghaiParts(activity.startAt).date, -1), 9, 0);
  return ![dayBefore.getTime(), activity.startAt.getTime() - 2 * HOUR].includes(row.dueAt.getTime());
}
