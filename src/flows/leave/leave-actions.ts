// Leave from the bot's other doors: 我的请假, and the approval card's 批准 button (驳回 asks
// for a reason first: reject.flow.ts). Deciding follows rules L1 (the unit's leads decide),
// L5 (approved → on leave); the first decision wins and a later click is told who decided.
import type { CardAction, Command } from '../../bot/router.ts';
import { shanghaiYear } from '../../domain/time.ts';
import { listLeavesOfYear, countCountedLeaves } from '../../repositories/leave-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import { decideLeave } from '../../services/leave-service.ts';
import { formatDate } from '../parse/datetime.ts';
import { announceDecision, clickCodeOf, decisionReply } from './decision.ts';
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

/** 批准 on the approval card: decides at once (the first decision wins). */
export const approveLeaveAction: CardAction = {
  action: 'leave.approve',
  argument: 'id',
  async run(ctx, argument) {
    const leaveId = Number(argument);
    const result = await decideLeave(ctx.deps, ctx.actor, leaveId, 'approved');
    await ctx.reply(await decisionReply(ctx, leaveId, result));
    if (result.kind === 'decided') await announceDecision(ctx, leaveId, result, { clickCode: clickCodeOf(ctx) });
  },
};
