// What the approver is told after a leave decision from the card or the 驳回 dialog (rules L1,
// L5); the approvers' cards and the requester are told by the service (leave-decision-notices.ts).
import type { BotContext } from '../../bot/context.ts';
import { announceLeaveDecision, decisionWord } from '../../services/leave-decision-notices.ts';
import type { LeaveDecisionResult } from '../../services/leave-service.ts';
import { formatDateTime } from '../parse/datetime.ts';
import { leaveMessages as m } from './messages.ts';

type Decided = Extract<LeaveDecisionResult, { kind: 'decided' }>;

export { decisionWord };

/** Announces the decision the clicker won (their card, every approver's, the requester). */
export function announceDecision(ctx: BotContext, leaveId: number, result: Decided, opts: { note?: string; clickCode?: string } = {}) {
  return announceLeaveDecision(ctx.deps, {
    orgId: ctx.orgId,
    channel: ctx.event.channel,
    leaveId,
    result,
    deciderName: ctx.actor.name,
    note: opts.note,
    click: { userId: ctx.event.senderId, responseCode: opts.clickCode },
  });
}

/** What the approver is told about their decision (or why there was none). */
export async function decisionReply(ctx: BotContext, leaveId: number, result: LeaveDecisionResult): Promise<string> {
  switch (result.kind) {
    case 'not_found':
      return m.leaveNotFound;
    case 'forbidden':
      return ctx.actor.id === (await requesterOf(ctx, leaveId)) ? m.ownLeave : m.notAllowed;
    case 'already':
      if (result.status === 'withdrawn') return m.alreadyWithdrawn(result.byName, result.at ? formatDateTime(result.at) : '');
      return m.alreadyDecided(result.byName, decisionWord(result.status), result.at ? formatDateTime(result.at) : '');
    case 'decided':
      return m.decidedForApprover(decisionWord(result.status), result.requesterName);
  }
}

async function requesterOf(ctx: BotContext, leaveId: number): Promise<number | undefined> {
  const leave = await ctx.deps.db.leaveRequest.findFirst({ where: { id: leaveId, orgId: ctx.orgId }, select: { personId: true } });
  return leave?.personId;
}

/** The code of the click that brought this event, if it was a card click. */
export function clickCodeOf(ctx: BotContext): string | undefined {
  return ctx.event.type === 'card_action' ? ctx.event.cardHandle : undefined;
}
