// Leave use cases (rules L1, L2, L5): check, submit with approval cards, decide from a card.
import { buildCard } from '../bot/card-catalog.ts';
import type { BotDeps } from '../bot/context.ts';
import { leavesRemaining, mayDecideLeave, refuseLeave, type LeaveRefusal } from '../domain/leave-rules.ts';
import type { Policy } from '../domain/policy.ts';
import { UNIT_LEAD_ROLES } from '../domain/roles.ts';
import { shanghaiYear } from '../domain/time.ts';
import { formatDateTime } from '../flows/parse/datetime.ts';
import type { Channel } from '../platforms/types.ts';
import { audit } from '../repositories/audit-repo.ts';
import * as leaves from '../repositories/leave-repo.ts';
import { recordRsvp } from '../repositories/rsvp-repo.ts';
import { findOfficeUnitIds, findUnitContacts, type PersonWithRoles } from '../repositories/people-repo.ts';
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
  used: number;
  remaining: number;
  year: number;
}

export async function leaveStanding(
  deps: BotDeps, person: PersonWithRoles, activity: LeaveActivity, invited: boolean, policy: Policy,
): Promise<LeaveStanding> {
  const year = shanghaiYear(activity.startAt);
  const used = await leaves.countCountedLeaves(deps.db, person.orgId, person.id, year);
  const existing = await leaves.findLeaveFor(deps.db, activity.id, person.id);
  const refusal = refuseLeave({ activity, invited, usedThisYear: used, alreadyRequested: !!existing }, policy, deps.clock.now());
  return { refusal, used, remaining: leavesRemaining(used, policy), year };
}

/** The people who decide this unit's leave: its leads and liaison, else the office. */
export async function leaveApprovers(deps: BotDeps, orgId: number, unitId: number, channel: Channel, requesterId: number) {
  const leads = await findUnitContacts(deps.db, [unitId], [...UNIT_LEAD_ROLES], channel);
  const pool = leads.length ? leads : await findUnitContacts(deps.db, await findOfficeUnitIds(deps.db, orgId), ['staff'], channel);
  return pool.filter((c) => c.person.id !== requesterId);
}

export async function submitLeave(
  deps: BotDeps, person: PersonWithRoles, activity: LeaveActivity, reason: string, channel: Channel,
) {
  const year = shanghaiYear(activity.startAt);
  // A reprocessed confirmation finds the request it already made.
  const leave =
    (await leaves.findLeaveFor(deps.db, activity.id, person.id)) ??
    // Stamped by the bot's clock: approval reminders are timed from it (rule L1).
    (await leaves.createLeave(deps.db, { orgId: person.orgId, activityId: activity.id, personId: person.id, year, reason, createdAt: deps.clock.now() }));
  // Asking for leave is also the answer to the notice card (rule A4).
  await recordRsvp(deps.db, { orgId: person.orgId, activityId: activity.id, personId: person.id, answer: 'leave', at: deps.clock.now() });
  const used = await leaves.countCountedLeaves(deps.db, person.orgId, person.id, year);
  const approvers = await leaveApprovers(deps, person.orgId, activity.unit.id, channel, person.id);
  const userIds = approvers.map((a) => a.platformUserId).filter((u): u is string => !!u);
  if (userIds.length) {
    const card = buildCard('leave-approval', {
      taskId: `leave-${leave.id}`,
      argument: String(leave.id),
      vars: { requester: person.name, activity: activity.title, used: String(used), reason, time: formatDateTime(activity.startAt), unit: activity.unit.name },
    });
    await deps.outbound.send(person.orgId, channel, [{ key: `leave-approval:${leave.id}`, message: { kind: 'card', toUsers: userIds, card } }]);
    await leaves.setApprovers(deps.db, leave.id, userIds);
    await planApprovalReminders(deps.db, { leaveId: leave.id, orgId: person.orgId, activityId: activity.id, startAt: activity.startAt }, deps.clock.now());
  }
  await audit(deps.db, { orgId: person.orgId, actorId: person.id, action: 'leave.request', subject: `leave:${leave.id}`, detail: { activityId: activity.id } });
  return { leave, approvers };
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
  if (leave.status !== 'pending') {
    return { kind: 'already', status: leave.status, byName: await leaves.personName(deps.db, leave.decidedById ?? 0), at: leave.decidedAt };
  }
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
    if (!replay) {
      return { kind: 'already', status: current.status, byName: await leaves.personName(deps.db, current.decidedById ?? 0), at: current.decidedAt };
    }
  }
  if (status === 'approved') await leaves.markOnLeave(deps.db, actor.orgId, leave.activityId, leave.personId); // rule L5
  if (won) await audit(deps.db, { orgId: actor.orgId, actorId: actor.id, action: `leave.${status}`, subject: `leave:${leave.id}` });
  const requesterName = await leaves.personName(deps.db, leave.personId);
  return { kind: 'decided', status, requesterId: leave.personId, requesterName, activityTitle: leave.activity.title, approverIds: leave.approverIds };
}
