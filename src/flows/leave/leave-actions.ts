// Leave from the bot's other doors: 我的请假, and the buttons of the approval card
// (批准 / 驳回). Deciding follows rules L1 (the unit's leads decide), L5 (approved → on leave);
// the first decision wins and a later click is told who decided.
import type { BotContext } from '../../bot/context.ts';
import type { CardAction, Command } from '../../bot/router.ts';
import { shanghaiYear } from '../../domain/time.ts';
import { listLeavesOfYear, countCountedLeaves } from '../../repositories/leave-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { findAccount } from '../../repositories/people-repo.ts';
import { decideLeave } from '../../services/leave-service.ts';
import { formatDate, formatDateTime } from '../parse/datetime.ts';
import { leaveMessages as m } from './messages.ts';

export const myLeavesCommand: Command = {
  name: '我的请假',
  aliases: ['请假记录', '查请假'],
  summary: '查看今年的请假申请和审批结果',
  audience: 'deputy',
  async run(ctx) {
    const year = shanghaiYear(ctx.deps.clock.now());
    const policy = await loadPolicy(ctx.deps.db, ctx.orgId);
    const rows = await listLeavesOfYear(ctx.deps.db, ctx.orgId, ctx.actor.id, year);
    if (rows.length === 0) {
      await ctx.replyPrivately(m.myLeavesNone(year));
      return;
    }
    const used = await countCountedLeaves(ctx.deps.db, ctx.orgId, ctx.actor.id, year);
    const lines = rows.map((r, i) => `${i + 1}. ${formatDate(r.activity.startAt)} ${r.activity.title}：${m.status[r.status] ?? r.status}`);
    await ctx.replyPrivately([m.myLeavesTitle(year, used, policy.leavesPerYear), ...lines].join('\n'));
  },
};

function decisionAction(action: string, status: 'approved' | 'rejected'): CardAction {
  return {
    action,
    async run(ctx, argument) {
      const leaveId = Number(argument);
      const result = await decideLeave(ctx.deps, ctx.actor, leaveId, status, ctx.event.channel);
      const word = m.status[status]!.replace('已', '');
      switch (result.kind) {
        case 'not_found':
          return void (await ctx.reply(m.leaveNotFound));
        case 'forbidden':
          return void (await ctx.reply(ctx.actor.id === (await requesterOf(ctx, leaveId)) ? m.ownLeave : m.notAllowed));
        case 'already':
          return void (await ctx.reply(m.alreadyDecided(result.byName, (m.status[result.status] ?? '').replace('已', ''), result.at ? formatDateTime(result.at) : '')));
        case 'decided':
          await ctx.reply(m.decidedForApprover(word, result.requesterName));
          await settleCard(ctx, leaveId, word);
          await tellRequester(ctx, leaveId, word, result.activityTitle);
      }
    },
  };
}

async function requesterOf(ctx: BotContext, leaveId: number): Promise<number | undefined> {
  const leave = await ctx.deps.db.leaveRequest.findFirst({ where: { id: leaveId, orgId: ctx.orgId }, select: { personId: true } });
  return leave?.personId;
}

/** Greys out the clicked card with the outcome (the click's response code is single-use). */
async function settleCard(ctx: BotContext, leaveId: number, word: string): Promise<void> {
  if (ctx.event.type !== 'card_action' || !ctx.event.responseCode) return;
  const text = m.cardSettled(word, ctx.actor.name);
  await ctx.deps.outbound.send(ctx.orgId, ctx.event.channel, [
    { key: `leave-card:${leaveId}:${ctx.row.id}`, message: { kind: 'card_settle', toUsers: [ctx.event.senderId], responseCode: ctx.event.responseCode, text } },
  ]);
}

async function tellRequester(ctx: BotContext, leaveId: number, word: string, activityTitle: string): Promise<void> {
  const requesterId = await requesterOf(ctx, leaveId);
  const userId = requesterId && (await findAccount(ctx.deps.db, requesterId, ctx.event.channel));
  if (!userId) return;
  await ctx.deps.outbound.send(ctx.orgId, ctx.event.channel, [
    { key: `leave-outcome:${leaveId}`, message: { kind: 'text', toUsers: [userId], text: m.outcomeToRequester(word, activityTitle, ctx.actor.name) } },
  ]);
}

export const approveLeaveAction = decisionAction('leave.approve', 'approved');
export const rejectLeaveAction = decisionAction('leave.reject', 'rejected');
