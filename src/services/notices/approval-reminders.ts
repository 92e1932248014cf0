// Reminders to the approvers of a pending leave request (rule L1: leave is decided in advance).
// Planned as Notice rows (personId 0, revision 0) when the leave is submitted:
//   approval:<leaveId>:24h     24 hours after submission;
//   approval:<leaveId>:before  the day before the activity at 09:00 (Shanghai), or 2 hours before
//                              its start when 09:00 the day before is too close to the submission.
// When due, the reminder goes to the approvers only if the leave is still pending and the
// activity has not started or been cancelled; otherwise the row is skipped. Sending follows the
// notice sender's two steps (assign a batch key, then write the outbox row under that key).
import { addDays, shanghaiInstant, shanghaiParts, formatDateTime } from '../../domain/shanghai-time.ts';
import { leaveMessages as m } from '../../flows/leave/messages.ts';
import { findApprovalCard, personName } from '../../repositories/leave-repo.ts';
import * as notices from '../../repositories/notice-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import type { NoticeDeps } from './send-due-notices.ts';

const HOUR = 3600_000;
/** A reminder closer than this to the submission (the card has just arrived) is not planned. */
const MIN_GAP_MS = 2 * HOUR;
export const APPROVAL_PREFIX = 'approval:';
const BATCH_PREFIX = 'approval|';

type NoticeRow = Awaited<ReturnType<typeof notices.duePlanned>>[number];

/** When to remind the approvers of a leave submitted at `submittedAt` for an activity at `startAt`. */
export function approvalReminderTimes(submittedAt: Date, startAt: Date): { after24h?: Date; before?: Date } {
  const earliest = submittedAt.getTime() + MIN_GAP_MS;
  const dayBefore = shanghaiInstant(addDays(shanghaiParts(startAt).date, -1), 9, 0);
  const twoHoursBefore = new Date(startAt.getTime() - 2 * HOUR);
  const before = [dayBefore, twoHoursBefore].find((t) => t.getTime() >= earliest);
  const after24h = new Date(submittedAt.getTime() + 24 * HOUR);
  // The 24-hour reminder only when it comes first: otherwise the one before the activity suffices.
  const useAfter24h = after24h < (before ?? startAt);
  return { ...(useAfter24h ? { after24h } : {}), ...(before ? { before } : {}) };
}

export async function planApprovalReminders(
  db: Db, leave: { leaveId: number; orgId: number; activityId: number; startAt: Date }, now: Date,
): Promise<void> {
  const times = approvalReminderTimes(now, leave.startAt);
  const base = { orgId: leave.orgId, activityId: leave.activityId, revision: 0, personId: 0 };
  const rows = [
    times.after24h && { ...base, kind: `${APPROVAL_PREFIX}${leave.leaveId}:24h`, dueAt: times.after24h },
    times.before && { ...base, kind: `${APPROVAL_PREFIX}${leave.leaveId}:before`, dueAt: times.before },
  ].filter((r): r is notices.NewNotice => !!r);
  await notices.insertPlanned(db, rows, now);
}

export const isApprovalReminder = (row: { kind: string }) => row.kind.startsWith(APPROVAL_PREFIX);
export const isApprovalBatch = (batchKey: string) => batchKey.startsWith(BATCH_PREFIX);

/** Step one: a due reminder whose leave still waits gets its batch key; the others are skipped. */
export async function batchApprovalReminders(deps: NoticeDeps, rows: NoticeRow[]): Promise<void> {
  for (const row of rows) {
    const leave = await pendingLeave(deps, row);
    if (leave) await notices.assignBatch(deps.db, [row.id], `${BATCH_PREFIX}${row.id}`);
    else await notices.markSkipped(deps.db, [row.id]);
  }
}

/** Step two: the reminder text to the approvers, under the batch key (written once). */
export async function writeApprovalReminder(deps: NoticeDeps, batchKey: string, rows: NoticeRow[]): Promise<number> {
  const row = rows[0];
  const leave = row && (await pendingLeave(deps, row));
  if (!leave) return 0; // decided between the two steps: nothing to remind of
  const { userIds } = await findApprovalCard(deps.db, leave);
  if (!userIds.length) return 0;
  const text = (row.kind.endsWith(':before') ? m.approvalReminderBefore : m.approvalReminder)(
    await personName(deps.db, leave.personId), leave.activity.title, formatDateTime(leave.activity.startAt),
  );
  return deps.outbound.send(leave.orgId, 'wecom', [{ key: batchKey, message: { kind: 'text', toUsers: userIds, text } }]);
}

async function pendingLeave(deps: NoticeDeps, row: NoticeRow) {
  const leaveId = Number(row.kind.split(':')[1]);
  const leave = await deps.db.leaveRequest.findUnique({ where: { id: leaveId }, include: { activity: { select: { title: true, startAt: true, status: true } } } });
  const waiting = leave?.status === 'pending' && leave.activity.status === 'scheduled' && leave.activity.startAt > deps.clock.now();
  return waiting ? leave : undefined;
}
