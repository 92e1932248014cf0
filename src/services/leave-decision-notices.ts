// What follows a leave decision, whichever door it came through (the approval card, the 驳回
// dialog, the console): every approver's card shows the outcome and who decided, and the
// requester is told (rules L1, L5). Only the winner of the decision gets here, so the keys are
// per leave: a reprocessed event or a second click writes nothing twice.
import type { BotDeps } from '../bot/context.ts';
import { leaveMessages as m } from '../flows/leave/messages.ts';
import type { Channel } from '../platforms/types.ts';
import { findApprovalCards, type ApprovalCardCopy } from '../repositories/leave-repo.ts';
import { reachPerson } from './audience.ts';
import type { LeaveDecisionResult } from './leave-service.ts';
import type { OutboundItem } from './outbound.ts';

type Decided = Extract<LeaveDecisionResult, { kind: 'decided' }>;

/** The verb of a status: 批准 / 驳回. */
export const decisionWord = (status: string) => (m.status[status] ?? '').replace('已', '');

export interface LeaveDecisionNotice {
  orgId: number;
  channel: Channel;
  leaveId: number;
  result: Decided;
  deciderName: string;
  note?: string;
  /** The decider's own click, when the decision came from their card: it settles their copy. */
  click?: { userId: string; responseCode?: string };
}

/**
 * The approval card went to the approvers of each platform in one send; that send's handle
 * updates all their copies at once (the decider's too). If the update dies (code spent, or older
 * than 72 h) the outbox sends the approvers a text instead. Without the send's handle, the
 * decider's card is settled with the handle of their own click and the others get the text; a
 * decision made without a click (the console) tells every approver by text. The requester is
 * told on the platform they are reached on, not necessarily the decider's.
 */
export async function announceLeaveDecision(deps: BotDeps, n: LeaveDecisionNotice): Promise<void> {
  const word = decisionWord(n.result.status);
  const settled = m.cardSettled(word, n.deciderName);
  const text = m.decidedForApprovers(n.result.requesterName, n.deciderName, word);
  for (const card of await findApprovalCards(deps.db, { id: n.leaveId, approverIds: n.result.approverIds })) {
    // The decider's own copy is on the channel they clicked from.
    const click = card.channel === n.channel ? n.click : undefined;
    await deps.outbound.send(n.orgId, card.channel as Channel, settleCopy(n.leaveId, card, { settled, text, click }));
  }
  const requester = await reachPerson(deps.db, n.orgId, n.result.requesterId);
  if (requester) {
    const outcome = m.outcomeToRequester(word, n.result.activityTitle, n.deciderName, n.note);
    await deps.outbound.send(n.orgId, requester.channel, [{ key: `leave-outcome:${n.leaveId}`, message: { kind: 'text', toUsers: [requester.userId], text: outcome } }]);
  }
}

/** One platform's copy: settled through its handle for everyone, else the decider's through their click and a text to the others. */
function settleCopy(leaveId: number, card: ApprovalCardCopy, o: { settled: string; text: string; click?: { userId: string; responseCode?: string } }): OutboundItem[] {
  const cardKey = `leave-card:${leaveId}${card.suffix}`;
  if (card.handle && card.userIds.length) {
    return [{ key: cardKey, message: { kind: 'card_settle', toUsers: card.userIds, handle: card.handle, text: o.settled, fallbackText: o.text } }];
  }
  const items: OutboundItem[] = [];
  const me = o.click?.userId;
  if (me && o.click?.responseCode) items.push({ key: cardKey, message: { kind: 'card_settle', toUsers: [me], handle: o.click.responseCode, text: o.settled } });
  const others = card.userIds.filter((u) => u !== me);
  if (others.length) items.push({ key: `leave-decided:${leaveId}${card.suffix}`, message: { kind: 'text', toUsers: others, text: o.text } });
  return items;
}
