// The notice card's 参加 button (rule A4): the attendance service records the answer (rules
// A6, L5: refused, with one sentence, for someone on leave or signed in) and the clicker's card
// shows their state (their click's response code updates their card only): 参加 after an
// approved leave shows the leave and a 撤回请假 button, not "您的回复：参加". 请假 starts the
// leave flow (leave.start) and 撤回请假 the withdrawal (leave.withdraw), in bot/commands/index.ts.
import type { BotContext } from '../../bot/context.ts';
import type { CardAction } from '../../bot/router.ts';
import type { AttendanceState } from '../../domain/attendance-state.ts';
import { answerAttend } from '../../services/attendance/attendance-service.ts';
import { noticeMessages as m } from '../../services/notices/messages.ts';
import { redrawnCard, type CardActivity } from '../../services/notices/notice-card.ts';

export const attendAction: CardAction = {
  action: 'activity.attend',
  argument: 'id',
  async run(ctx, argument) {
    const result = await answerAttend(ctx.deps.db, ctx.actor, Number(argument), ctx.deps.clock.now());
    if (!result.ok) {
      await ctx.reply(result.message);
      if (result.activity && result.state) await showState(ctx, result.activity, result.state);
      return;
    }
    if (!(await showState(ctx, result.activity, result.state))) await ctx.reply(m.attendAcknowledged(result.activity.title));
  },
};

/** Updates the clicked card to the person's state; false when there is no card to update. */
async function showState(ctx: BotContext, activity: CardActivity, state: AttendanceState): Promise<boolean> {
  if (ctx.event.type !== 'card_action' || !ctx.event.cardHandle) return false;
  const card = redrawnCard(activity, { taskId: ctx.event.taskId, state, now: ctx.deps.clock.now() });
  await ctx.deps.outbound.send(ctx.orgId, ctx.event.channel, [
    { key: `rsvp-card:${ctx.row.id}`, message: { kind: 'card_update', toUsers: [ctx.event.senderId], handle: ctx.event.cardHandle, card } },
  ]);
  return true;
}
