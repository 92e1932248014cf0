// The notice card's 参加 button (rule A4): records the answer and shows it on that person's
// card (their click's response code updates their card only). 请假 starts the leave flow
// (leave.start, in bot/commands/index.ts). An answer can change until the activity starts.
import type { CardAction } from '../../bot/router.ts';
import { getActivity } from '../../repositories/activity-repo.ts';
import { isInvited } from '../../repositories/leave-repo.ts';
import { recordRsvp } from '../../repositories/rsvp-repo.ts';
import { noticeMessages as m } from '../../services/notices/messages.ts';
import { noticeCard } from '../../services/notices/send-due-notices.ts';

export const attendAction: CardAction = {
  action: 'activity.attend',
  argument: 'id',
  async run(ctx, argument) {
    const activity = await getActivity(ctx.deps.db, ctx.orgId, Number(argument));
    const now = ctx.deps.clock.now();
    if (!activity || activity.status !== 'scheduled') return void (await ctx.reply(m.activityGone));
    if (activity.startAt <= now) return void (await ctx.reply(m.tooLateToAnswer(activity.title)));
    if (!(await isInvited(ctx.deps.db, activity.id, ctx.actor.id))) return void (await ctx.reply(m.notInvited));
    await recordRsvp(ctx.deps.db, { orgId: ctx.orgId, activityId: activity.id, personId: ctx.actor.id, answer: 'attend', at: now });
    if (ctx.event.type === 'card_action' && ctx.event.responseCode) {
      const full = await ctx.deps.db.activity.findUniqueOrThrow({ where: { id: activity.id }, include: { unit: { select: { id: true, name: true } } } });
      const card = { ...noticeCard(full, 0, 'attend'), taskId: ctx.event.taskId };
      await ctx.deps.outbound.send(ctx.orgId, ctx.event.channel, [
        { key: `rsvp-card:${ctx.row.id}`, message: { kind: 'card_update', toUsers: [ctx.event.senderId], responseCode: ctx.event.responseCode, card } },
      ]);
    } else {
      await ctx.reply(m.attendAcknowledged(activity.title));
    }
  },
};
