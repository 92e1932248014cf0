// The quarterly form card's 确认无误 button (rule A5): the service decides (only the group's
// leaders; the first confirmation wins and sends the form); the clicker's card then shows the outcome.
import type { CardAction } from '../../bot/router.ts';
import { confirmFormByLeader } from '../../services/registers/activity-form-confirm.ts';
import { settleClickedCard } from '../card-settle.ts';

export const confirmFormAction: CardAction = {
  action: 'activity-form.confirm',
  argument: 'id',
  async run(ctx, argument) {
    const deps = { db: ctx.deps.db, outbound: ctx.deps.outbound, now: ctx.deps.clock.now(), onFilesRequested: ctx.deps.onDueNow };
    const outcome = await confirmFormByLeader(deps, { id: ctx.actor.id, name: ctx.actor.name, orgId: ctx.orgId }, Number(argument));
    await ctx.reply(outcome.message);
    await settleClickedCard(ctx, outcome.settled);
  },
};
