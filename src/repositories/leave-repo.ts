// Leave requests (rules L1, L2, L5) and the attendance entry an approval creates.
import { COUNTED_LEAVE_STATUSES, QUOTA_UNIT_KINDS } from '../domain/leave-rules.ts';
import { shanghaiIsoDate } from '../domain/shanghai-time.ts';
import { Prisma, type Db } from './prisma.ts';
import { typed, underLock } from './sql-dialect.ts';

/** Advisory lock keys of the L2 check on PostgreSQL: this base plus the person's id. */
const LEAVE_QUOTA_LOCK_BASE = 7_314_100_000_000;

/** Rule L2 counts leaves from group activities (代表小组) in one calendar year. */
export async function countCountedLeaves(db: Db, orgId: number, personId: number, year: number): Promise<number> {
  return db.leaveRequest.count({
    where: { orgId, personId, year, status: { in: [...COUNTED_LEAVE_STATUSES] }, activity: { unit: { kind: { in: [...QUOTA_UNIT_KINDS] } } } },
  });
}

export async function findLeaveFor(db: Db, activityId: number, personId: number) {
  return db.leaveRequest.findUnique({ where: { activityId_personId: { activityId, personId } } });
}

export async function createLeave(
  db: Db,
  data: { orgId: number; activityId: number; personId: number; year: number; reason: string; createdAt?: Date },
) {
  return db.leaveRequest.create({ data });
}

export type NewLeave = { orgId: number; activityId: number; personId: number; year: number; reason: string; createdAt: Date };

/**
 * Rule L2 as one write: the request is inserted only while the person has fewer than
 * `maxCounted` counted leaves that year (the count is inside the INSERT). On PostgreSQL two
 * instances could each count before the other's insert is committed, so the check takes turns
 * per person under an advisory lock; SQLite runs one writer at a time. Returns the request —
 * the one made earlier for the activity on a replay — or undefined when the quota is reached.
 */
export async function createLeaveWithinQuota(db: Db, data: NewLeave, maxCounted: number) {
  const int = (v: number) => typed(db, v, 'integer');
  const insert = (q: Db) => q.$executeRaw`
    INSERT INTO "LeaveRequest" ("orgId", "activityId", "personId", "year", "reason", "status", "approverIds", "createdAt")
    SELECT ${int(data.orgId)}, ${int(data.activityId)}, ${int(data.personId)}, ${int(data.year)}, ${typed(db, data.reason, 'text')},
           'pending', '[]', ${typed(db, data.createdAt, 'timestamp')}
    WHERE (SELECT COUNT(*) FROM "LeaveRequest" l
             JOIN "Activity" a ON a."id" = l."activityId" JOIN "Unit" u ON u."id" = a."unitId"
           WHERE l."orgId" = ${data.orgId} AND l."personId" = ${data.personId} AND l."year" = ${data.year}
             AND l."status" IN (${Prisma.join([...COUNTED_LEAVE_STATUSES])}) AND u."kind" IN (${Prisma.join([...QUOTA_UNIT_KINDS])})) < ${maxCounted}
    ON CONFLICT ("activityId", "personId") DO NOTHING`;
  await underLock(db, LEAVE_QUOTA_LOCK_BASE + data.personId, insert);
  return (await findLeaveFor(db, data.activityId, data.personId)) ?? undefined;
}

export async function getLeave(db: Db, orgId: number, id: number) {
  return db.leaveRequest.findFirst({
    where: { id, orgId },
    include: { activity: { include: { unit: { select: { id: true, kind: true, name: true } } } } },
  });
}

/** The first decision wins: only a pending request changes. Returns whether this call decided. */
export async function decideLeave(
  db: Db,
  id: number,
  decision: { status: 'approved' | 'rejected'; decidedById: number; decidedAt: Date; note?: string },
): Promise<boolean> {
  const { count } = await db.leaveRequest.updateMany({
    where: { id, status: 'pending' },
    data: { status: decision.status, decidedById: decision.decidedById, decidedAt: decision.decidedAt, decisionNote: decision.note ?? null },
  });
  return count === 1;
}

/** Records who got the approval card (platform user ids), for the outcome and reminders. */
export async function setApprovers(db: Db, id: number, userIds: string[]): Promise<void> {
  await db.leaveRequest.update({ where: { id }, data: { approverIds: JSON.stringify(userIds) } });
}

/** One copy of the approval card: one outbox row, on one channel. */
export interface ApprovalCardCopy {
  channel: string;
  /** What follows the row's key after `leave-approval:<id>` ("", "|dingtalk", "|part2"…): keys of its updates reuse it. */
  suffix: string;
  userIds: string[];
  /** The handle that updates every recipient's copy (WeCom response_code, DingTalk outTrackId); known once sent. */
  handle?: string;
}

/**
 * The approval card as sent: one copy per outbox row (approvers on several platforms, or more
 * than one call's worth of them), each with its recipients and its update handle. A leave
 * older than per-channel keys has one row; its recipients are the stored approverIds.
 */
export async function findApprovalCards(db: Db, leave: { id: number; approverIds: string }): Promise<ApprovalCardCopy[]> {
  const key = `leave-approval:${leave.id}`;
  const rows = await db.outbox.findMany({
    where: { OR: [{ idempotencyKey: key }, { idempotencyKey: { startsWith: `${key}|` } }] },
    select: { idempotencyKey: true, channel: true, payload: true, response: true },
    orderBy: { id: 'asc' },
  });
  const stored = JSON.parse(leave.approverIds) as string[];
  return rows.map((row) => {
    const sent = (JSON.parse(row.payload) as { toUsers?: string[] }).toUsers ?? [];
    const receipt = row.response ? (JSON.parse(row.response) as { cardHandle?: string; responseCode?: string }) : {};
    const suffix = row.idempotencyKey.slice(key.length);
    // A payload erased by retention (rule R6) still has the stored list for the single-row case.
    const userIds = sent.length ? sent : rows.length === 1 ? stored : [];
    return { channel: row.channel, suffix, userIds, handle: receipt.cardHandle ?? receipt.responseCode };
  });
}

export async function listLeavesOfYear(db: Db, orgId: number, personId: number, year: number) {
  return db.leaveRequest.findMany({
    where: { orgId, personId, year },
    include: { activity: { select: { title: true, startAt: true } } },
    orderBy: { createdAt: 'asc' },
  });
}

/**
 * The requester withdraws: a pending or approved request becomes withdrawn in one conditional
 * update (it then no longer counts towards L2). Returns the status it had, or undefined when
 * it was neither (decided against, or withdrawn already).
 */
export async function withdrawLeave(db: Db, id: number, at: Date): Promise<'pending' | 'approved' | undefined> {
  for (const from of ['pending', 'approved'] as const) {
    const { count } = await db.leaveRequest.updateMany({ where: { id, status: from }, data: { status: 'withdrawn', withdrawnAt: at } });
    if (count === 1) return from;
  }
  return undefined;
}

/** Leave requests the person may still withdraw: pending or approved, of activities not yet ended. */
export async function findWithdrawable(db: Db, orgId: number, personId: number, now: Date) {
  return db.leaveRequest.findMany({
    where: { orgId, personId, status: { in: ['pending', 'approved'] }, activity: { status: 'scheduled', endAt: { gt: now } } },
    include: { activity: { include: { unit: { select: { id: true, kind: true, name: true } } } } },
    orderBy: { activity: { startAt: 'asc' } },
  });
}

export async function personName(db: Db, id: number): Promise<string> {
  return (await db.person.findUnique({ where: { id }, select: { name: true } }))?.name ?? '';
}

export async function isInvited(db: Db, activityId: number, personId: number): Promise<boolean> {
  const row = await db.activityInvitee.findUnique({ where: { activityId_personId: { activityId, personId } }, select: { personId: true } });
  return row !== null;
}

/**
 * Rule R2: who is on approved leave on each day from `fromIso` (Asia/Shanghai dates), as the
 * duty rotation's "unavailable" map — a deputy excused from an activity that day is not put
 * on reception duty the same day.
 */
export async function onLeaveByDate(db: Db, orgId: number, from: Date): Promise<Record<string, number[]>> {
  const rows = await db.leaveRequest.findMany({
    where: { orgId, status: 'approved', activity: { startAt: { gte: from } } },
    select: { personId: true, activity: { select: { startAt: true } } },
  });
  const byDate: Record<string, number[]> = {};
  for (const r of rows) {
    const date = shanghaiIsoDate(r.activity.startAt);
    (byDate[date] ??= []).push(r.personId);
  }
  return byDate;
}
