// What follows a leave decision (rules L1, L5): every approver's card shows the outcome and who
// decided, and the requester is told. Only the winner of the decision gets here, so the keys
// are per leave: a reprocessed event writes nothing twice.
import type { BotContext } from '../../bot/context.ts';
import type { OutboundItem } from '../../services/outbound.ts';
import type { Channel } from '../../platforms/types.ts';
import { findApprovalCards, type ApprovalCardCopy } from '../../repositories/leave-repo.ts';
import { reachPerson } from '../../services/audience.ts';
import type { LeaveDecisionResult } from '../../services/leave-service.ts';
import { formatDateTime } from '../parse/datetime.ts';
import { leaveMessages as m } from './messages.ts';

type Decided = Extract<LeaveDecisionResult, { kind: 'decided' }>;

/** The verb of a status: 批准 / 驳回. */
export const decisionWord = (status: string) => (m.status[status] ?? '').replace('已', '');

/**
 * The approval card went to all approvers in one send; that send's response_code updates all
 * their copies at once (the decider's too). If the update dies (code spent, or older than
 * 72 h) the outbox sends the approvers a text instead. Without the send's code, the decider's
 * card is settled with the code of their own click and the others get the text.
 */
export async function announceDecision(ctx: BotContext, leaveId: number, result: Decided, opts: { note?: string; clickCode?: string } = {}) {
  const word = decisionWord(result.status);
  const by = ctx.actor.name;
  const settled = m.cardSettled(word, by);
  const text = m.decidedForApprovers(result.requesterName, by, word);
  for (const card of await findApprovalCards(ctx.deps.db, { id: leaveId, approverIds: result.approverIds })) {
    // The decider's own copy is on the channel they clicked from.
    const mine = card.channel === ctx.event.channel;
    await ctx.deps.outbound.send(ctx.orgId, card.channel as Channel, settleCopy(leaveId, card, { settled, text, me: mine ? ctx.event.senderId : undefined, clickCode: mine ? opts.clickCode : undefined }));
  }
  const requester = await reachPerson(ctx.deps.db, ctx.orgId, result.requesterId);
  if (requester) {
    const outcome = m.outcomeToRequester(word, result.activityTitle, by, opts.note);
    await ctx.deps.outbound.send(ctx.orgId, requester.channel, [{ key: `leave-outcome:${leaveId}`, message: { kind: 'text', toUsers: [requester.userId], text: outcome } }]);
  }
}

/**
 * One copy's update: settled through its handle for every recipient at once, else the decider's
 * card through their click's handle and a text to the others.
 */
function settleCopy(leaveId: number, card: ApprovalCardCopy, o: { settled: string; text: string; me?: string; clickCode?: string }): OutboundItem[] {
  const cardKey = `leave-card:${leaveId}${card.suffix}`;
  if (card.handle && card.userIds.length) {
    return [{ key: cardKey, message: { kind: 'card_settle', toUsers: card.userIds, handle: card.handle, text: o.settled, fallbackText: o.text } }];
  }
  const items: OutboundItem[] = [];
  if (o.me && o.clickCode) items.push({ key: cardKey, message: { kind: 'card_settle', toUsers: [o.me], handle: o.clickCode, text: o.settled } });
  const others = card.userIds.filter((u) => u !== o.me);
  if (others.length) items.push({ key: `leave-decided:${leaveId}${card.suffix}`, message: { kind: 'text', toUsers: others, text: o.text } });
  return items;
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
