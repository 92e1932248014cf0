// 我的议案 and the co-sign card's 附议 button (rule S5). The click is checked by the service
// against the motion's state and the clicker; the clicker's card then shows the outcome.
import type { CardAction, Command } from '../../bot/router.ts';
import { cosignMotion, myMotionsText } from '../../services/suggestions/motion-service.ts';
import { settleClickedCard } from '../card-settle.ts';
import { actingOf, depsOf, replyList } from '../suggestion-office/glue.ts';

export const myMotionsCommand: Command = {
  name: '我的议案',
  aliases: ['议案记录'],
  summary: '查看您提出或被邀请附议的议案和联名情况',
  audience: 'deputy',
  async run(ctx) {
    await replyList(ctx, await myMotionsText(depsOf(ctx), ctx.orgId, ctx.actor.id));
  },
};

export const cosignAction: CardAction = {
  action: 'motion.cosign',
  argument: 'id',
  async run(ctx, argument) {
    const outcome = await cosignMotion(depsOf(ctx), actingOf(ctx), ctx.orgId, Number(argument));
    await ctx.reply(outcome.message);
    await settleClickedCard(ctx, outcome.settled);
  },
};
