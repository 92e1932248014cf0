// What follows a leave decision, whichever door it came through (the approval card, the 驳回
// dialog, the console): every approver's card shows the outcome and who decided, and the
// requester is told (rules L1, L5). Only the winner of the decision gets here, so the keys are
// per leave: a reprocessed event or a second click writes nothing twice.
import type { BotDeps } from '../bot/context.ts';
import { leaveMessages as m } from '../flows/leave/messages.ts';
import type { Channel } from '../platforms/types.ts';
import { findApprovalCard } from '../repositories/leave-repo.ts';
import { findAccount } from '../repositories/people-repo.ts';
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
 * The approval card went to all approvers in one send; that send's response_code updates all
 * their copies at once (the decider's too). If the update dies (code spent, or older than
 * 72 h) the outbox sends the approvers a text instead. Without the send's code, the decider's
 * card is settled with the code of their own click and the others get the text; a decision
 * made without a click (the console) tells every approver by text.
 */
export async function announceLeaveDecision(deps: BotDeps, n: LeaveDecisionNotice): Promise<void> {
  const word = decisionWord(n.result.status);
  const settled = m.cardSettled(word, n.deciderName);
  const text = m.decidedForApprovers(n.result.requesterName, n.deciderName, word);
  const card = await findApprovalCard(deps.db, { id: n.leaveId, approverIds: n.result.approverIds });
  const items: OutboundItem[] = [];
  if (card.responseCode && card.userIds.length) {
    items.push({ key: `leave-card:${n.leaveId}`, message: { kind: 'card_settle', toUsers: card.userIds, responseCode: card.responseCode, text: settled, fallbackText: text } });
  } else {
    const me = n.click?.userId;
    if (me && n.click?.responseCode) items.push({ key: `leave-card:${n.leaveId}`, message: { kind: 'card_settle', toUsers: [me], responseCode: n.click.responseCode, text: settled } });
    const others = card.userIds.filter((u) => u !== me);
    if (others.length) items.push({ key: `leave-decided:${n.leaveId}`, message: { kind: 'text', toUsers: others, text } });
  }
  const requester = await findAccount(deps.db, n.result.requesterId, n.channel);
  if (requester) {
    const outcome = m.outcomeToRequester(word, n.result.activityTitle, n.deciderName, n.note);
    items.push({ key: `leave-outcome:${n.leaveId}`, message: { kind: 'text', toUsers: [requester], text: outcome } });
  }
  await deps.outbound.send(n.orgId, n.channel, items);
}
