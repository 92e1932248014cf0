// After a card click is decided, the clicked card shows the outcome instead of its buttons
// (the click's response code, used once; the key is the click's event).
import type { BotContext } from '../bot/context.ts';

export async function settleClickedCard(ctx: BotContext, text: string | undefined): Promise<void> {
  if (!text || ctx.event.type !== 'card_action' || !ctx.event.cardHandle) return;
  await ctx.deps.outbound.send(ctx.orgId, ctx.event.channel, [
    { key: `card-settle:${ctx.row.channel}:${ctx.row.id}`, message: { kind: 'card_settle', toUsers: [ctx.event.senderId], handle: ctx.event.cardHandle, text } },
  ]);
}
