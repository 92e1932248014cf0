// Leave use cases (rules L1, L2, L5): check, submit with approval cards, decide from a card,
// withdraw. Each also moves the person's attendance state (rule A6) through applyAttendance,
// so a leave can never sit beside a sign-in for the same activity.
import { buildCard } from '../bot/card-catalog.ts';
import type { BotDeps } from '../bot/context.ts';
import { countsTowardsQuota, leavesRemaining, mayDecideLeave, refuseLeave, type LeaveRefusal } from '../domain/leave-rules.ts';
import type { Policy } from '../domain/policy.ts';
import { UNIT_LEAD_ROLES } from '../domain/roles.ts';
import { shanghaiYear } from '../domain/time.ts';
import { formatDateTime } from '../flows/parse/datetime.ts';
import { leaveMessages } from '../flows/leave/messages.ts';
import type { Channel, OutboundMessage } from '../platforms/types.ts';
import { getActivity } from '../repositories/activity-repo.ts';
import { audit } from '../repositories/audit-repo.ts';
import { loadPolicy } from '../repositories/org-repo.ts';
import { audienceOf, sendToAudience } from './audience.ts';
import * as leaves from '../repositories/leave-repo.ts';
import { revertLeavePending } from '../repositories/attendance-repo.ts';
import { recordRsvp } from '../repositories/rsvp-repo.ts';
import { findOfficeUnitIds, findUnitContacts, type PersonWithRoles } from '../repositories/people-repo.ts';
import { applyAttendance, attendanceConflict, conflictFor } from './attendance/attendance-service.ts';
import { attendanceMessages } from './attendance/messages.ts';
import { planApprovalReminders } from './notices/approval-reminders.ts';

export interface LeaveActivity {
  id: number;
  title: string;
  startAt: Date;
  status: string;
  unit: { id: number; kind: string; name: string };
}

export interface LeaveStanding {
  refusal?: LeaveRefusal;
  /** Rules A6, L5: the person's attendance state does not allow a leave (signed in, asked already…). */
  conflict?: string;
  used: number;
  remaining: number;
  year: number;
  /** Rule L2: whether a leave from this activity counts towards the yearly quota. */
  counts: boolean;
  /** The status of the request already made for it, if any (one written request per activity). */
  existingStatus?: string;
}

export async function leaveStanding(
  deps: BotDeps, person: PersonWithRoles, activity: LeaveActivity, invited: boolean, policy: Policy,
): Promise<LeaveStanding> {
  const year = shanghaiYear(activity.startAt);
  const used = await leaves.countCountedLeaves(deps.db, person.orgId, person.id, year);
  const existing = await leaves.findLeaveFor(deps.db, activity.id, person.id);
  const refusal = refuseLeave({ activity, invited, usedThisYear: used, alreadyRequested: !!existing }, policy, deps.clock.now());
  const standing = { used, remaining: leavesRemaining(used, policy), year, counts: countsTowardsQuota(activity), existingStatus: existing?.status };
  if (refusal === 'not_invited' || refusal === 'cancelled' || refusal === 'already_started') return { ...standing, refusal };
  // Rule A6: what the person's attendance already says comes before the quota.
  const conflict = await attendanceConflict(deps.db, activity, person.id, 'request_leave');
  return conflict ? { ...standing, conflict } : { ...standing, refusal };
}

/** The people who decide this unit's leave: its leads and liaison, else the office. */
export async function leaveApprovers(deps: BotDeps, orgId: number, unitId: number, channel: Channel, requesterId: number) {
  const leads = await findUnitContacts(deps.db, [unitId], [...UNIT_LEAD_ROLES], channel);
  const pool = leads.length ? leads : await findUnitContacts(deps.db, await findOfficeUnitIds(deps.db, orgId), ['staff'], channel);
  return pool.filter((c) => c.person.id !== requesterId);
}

export type SubmitLeaveResult =
  | { ok: true; leave: { id: number }; approvers: Awaited<ReturnType<typeof leaveApprovers>> }
  | { ok: false; message: string };

export async function submitLeave(
  deps: BotDeps, person: PersonWithRoles, activity: LeaveActivity, reason: string, channel: Channel,
): Promise<SubmitLeaveResult> {
  const year = shanghaiYear(activity.startAt);
  const now = deps.clock.now();
  const key = { orgId: person.orgId, activityId: activity.id, personId: person.id };
  // A reprocessed confirmation finds the request it already made.
  let leave = await leaves.findLeaveFor(deps.db, activity.id, person.id);
  if (!leave) {
    // Rules A6, L5: invited or attending → leave pending, in one conditional write.
    const applied = await applyAttendance(deps.db, key, 'request_leave', now);
    // Already pending without a request: an earlier try stopped between the two writes.
    if (!applied.ok && applied.record.state !== 'leave_pending') return { ok: false, message: conflictFor('request_leave', applied.record, activity.title) };
    // Stamped by the bot's clock: approval reminders are timed from it (rule L1). Rule L2 is
    // checked again in the insert itself: the standing was read before the reason was typed,
    // and another request (another instance, the same moment) may have taken the last leave.
    const data = { ...key, year, reason, createdAt: now };
    const policy = countsTowardsQuota(activity) ? await loadPolicy(deps.db, person.orgId) : undefined;
    const created = policy ? await leaves.createLeaveWithinQuota(deps.db, data, policy.leavesPerYear) : await leaves.createLeave(deps.db, data);
    if (!created) {
      if (applied.ok) await revertLeavePending(deps.db, key, applied.from, now);
      const used = await leaves.countCountedLeaves(deps.db, person.orgId, person.id, year);
      return { ok: false, message: leaveMessages.refusals.quota_reached(used, policy!.leavesPerYear, policy!.supervisingBody) };
    }
    leave = created;
  }
  // Asking for leave is also the answer to the notice card (rule A4).
  await recordRsvp(deps.db, { ...key, answer: 'leave', at: now });
  const used = await leaves.countCountedLeaves(deps.db, person.orgId, person.id, year);
  const approvers = await leaveApprovers(deps, person.orgId, activity.unit.id, channel, person.id);
  // Each approver on their own platform (one card per channel): not only the requester's.
  const audience = await audienceOf(deps.db, person.orgId, [...new Set(approvers.map((a) => a.person.id))]);
  const userIds = [...audience.values()].flat();
  if (userIds.length) {
    const counts = countsTowardsQuota(activity);
    const card = buildCard('leave-approval', {
      taskId: `leave-${leave.id}`,
      argument: String(leave.id),
      vars: { requester: person.name, activity: activity.title, used: String(used), usedNote: counts ? '本年度已请假（含本次）' : '本年度已请假（本次不计入）', reason, time: formatDateTime(activity.startAt), unit: activity.unit.name },
    });
    await sendToAudience(deps.outbound, person.orgId, audience, `leave-approval:${leave.id}`, (toUsers) => ({ kind: 'card', toUsers, card }));
    await leaves.setApprovers(deps.db, leave.id, userIds);
    await planApprovalReminders(deps.db, { leaveId: leave.id, orgId: person.orgId, activityId: activity.id, startAt: activity.startAt }, now);
  }
  await audit(deps.db, { orgId: person.orgId, actorId: person.id, action: 'leave.request', subject: `leave:${leave.id}`, detail: { activityId: activity.id } });
  return { ok: true, leave, approvers };
}

export type LeaveDecisionResult =
  | { kind: 'decided'; status: 'approved' | 'rejected'; requesterId: number; requesterName: string; activityTitle: string; approverIds: string }
  | { kind: 'already'; status: string; byName: string; at: Date | null }
  | { kind: 'forbidden' }
  | { kind: 'not_found' };

/** Whether the actor may still decide this leave, without deciding (驳回 asks a reason first). */
export async function checkLeaveDecision(
  deps: BotDeps, actor: PersonWithRoles, leaveId: number,
): Promise<Exclude<LeaveDecisionResult, { kind: 'decided' }> | { kind: 'open'; requesterName: string; activityTitle: string }> {
  const leave = await leaves.getLeave(deps.db, actor.orgId, leaveId);
  if (!leave) return { kind: 'not_found' };
  if (!mayDecideLeave(actor, leave.activity.unit.id, leave.personId)) return { kind: 'forbidden' };
  if (leave.status !== 'pending') return already(deps, leave);
  return { kind: 'open', requesterName: await leaves.personName(deps.db, leave.personId), activityTitle: leave.activity.title };
}

export async function decideLeave(
  deps: BotDeps,
  actor: PersonWithRoles,
  leaveId: number,
  status: 'approved' | 'rejected',
  note?: string,
): Promise<LeaveDecisionResult> {
  const leave = await leaves.getLeave(deps.db, actor.orgId, leaveId);
  if (!leave) return { kind: 'not_found' };
  if (!mayDecideLeave(actor, leave.activity.unit.id, leave.personId)) return { kind: 'forbidden' };
  const now = deps.clock.now();
  const won = await leaves.decideLeave(deps.db, leave.id, { status, decidedById: actor.id, decidedAt: now, note });
  if (!won) {
    const current = (await leaves.getLeave(deps.db, actor.orgId, leaveId))!;
    // The same decision by the same person is a reprocessed event (a crash after the update):
    // carry on, so the cards and the requester are still told. Outbox keys keep it once.
    const replay = current.decidedById === actor.id && current.status === status;
    if (!replay) return already(deps, current);
  }
  // Rule L5: approved → on leave (not absent); rejected → expected to come. A replay finds it done.
  const key = { orgId: actor.orgId, activityId: leave.activityId, personId: leave.personId };
  await applyAttendance(deps.db, key, status === 'approved' ? 'approve_leave' : 'reject_leave', now);
  if (won) await audit(deps.db, { orgId: actor.orgId, actorId: actor.id, action: `leave.${status}`, subject: `leave:${leave.id}` });
  const requesterName = await leaves.personName(deps.db, leave.personId);
  return { kind: 'decided', status, requesterId: leave.personId, requesterName, activityTitle: leave.activity.title, approverIds: leave.approverIds };
}

/** Who settled a request that is no longer pending, and when (for a withdrawn one: the requester). */
async function already(
  deps: BotDeps, leave: { status: string; personId: number; decidedById: number | null; decidedAt: Date | null; withdrawnAt: Date | null },
): Promise<Extract<LeaveDecisionResult, { kind: 'already' }>> {
  if (leave.status === 'withdrawn') return { kind: 'already', status: 'withdrawn', byName: await leaves.personName(deps.db, leave.personId), at: leave.withdrawnAt };
  return { kind: 'already', status: leave.status, byName: await leaves.personName(deps.db, leave.decidedById ?? 0), at: leave.decidedAt };
}

export type WithdrawLeaveResult =
  | { ok: true; activityTitle: string; was: 'pending' | 'approved'; counts: boolean; remaining: number }
  | { ok: false; message: string };

/**
 * 撤回请假 (rules L2, L5, A6): a pending or approved leave is withdrawn until the activity ends
 * (someone who comes after all is then present, not on leave); the person is attending again,
 * the leave no longer counts towards L2, and the approvers hear of it (a waiting card is settled).
 */
export async function withdrawLeave(deps: BotDeps, person: PersonWithRoles, activityId: number, channel: Channel): Promise<WithdrawLeaveResult> {
  const now = deps.clock.now();
  const activity = await getActivity(deps.db, person.orgId, activityId);
  if (!activity || activity.status !== 'scheduled') return { ok: false, message: attendanceMessages.activityGone };
  if (activity.endAt <= now) return { ok: false, message: attendanceMessages.ended(activity.title) };
  const conflict = await attendanceConflict(deps.db, activity, person.id, 'withdraw_leave');
  if (conflict) return { ok: false, message: conflict };
  const leave = await leaves.findLeaveFor(deps.db, activity.id, person.id);
  // The request's own conditional update decides a race with a decision, as deciding does.
  const was = leave && (await leaves.withdrawLeave(deps.db, leave.id, now));
  const key = { orgId: person.orgId, activityId: activity.id, personId: person.id };
  if (!leave || !was) {
    const after = await attendanceConflict(deps.db, activity, person.id, 'withdraw_leave');
    return { ok: false, message: after ?? leaveMessages.nothingToWithdraw(activity.title) };
  }
  await applyAttendance(deps.db, key, 'withdraw_leave', now);
  await recordRsvp(deps.db, { ...key, answer: 'attend', at: now });
  await audit(deps.db, { orgId: person.orgId, actorId: person.id, action: 'leave.withdraw', subject: `leave:${leave.id}`, detail: { activityId: activity.id, was } });
  await tellApproversOfWithdrawal(deps, { ...leave, orgId: person.orgId }, person.name, activity.title, was);
  const used = await leaves.countCountedLeaves(deps.db, person.orgId, person.id, shanghaiYear(activity.startAt));
  const policy = await loadPolicy(deps.db, person.orgId);
  return { ok: true, activityTitle: activity.title, was, counts: countsTowardsQuota(activity), remaining: leavesRemaining(used, policy) };
}

/** A waiting approval card is settled (every approver's copy at once); after an approval, a text. */
async function tellApproversOfWithdrawal(
  deps: BotDeps, leave: { id: number; orgId: number; approverIds: string }, name: string, title: string, was: 'pending' | 'approved',
): Promise<void> {
  const text = leaveMessages.withdrawnForApprovers(name, title, was === 'approved');
  for (const card of await leaves.findApprovalCards(deps.db, leave)) {
    if (!card.userIds.length) continue;
    const message: OutboundMessage = was === 'pending' && card.handle
      ? { kind: 'card_settle', toUsers: card.userIds, handle: card.handle, text: leaveMessages.cardWithdrawn, fallbackText: text }
      : { kind: 'text', toUsers: card.userIds, text };
    await deps.outbound.send(leave.orgId, card.channel as Channel, [{ key: `leave-withdrawn:${leave.id}${card.suffix}`, message }]);
  }
}
