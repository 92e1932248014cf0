// 帮助: what this person can do, given their roles, and what they have kept to 继续. A message
// the bot does not know gets one short line instead (dispatcher), never this whole list.
import { audiencesOf } from '../../domain/roles.ts';
import { buildCard } from '../card-catalog.ts';
import type { BotContext } from '../context.ts';
import { messages } from '../messages.ts';
import type { CardAction, Command } from '../router.ts';

/** One line about kept drafts (继续), when there are any. */
export type KeptHint = (ctx: BotContext) => Promise<string | undefined>;

export async function sendHelp(ctx: BotContext, commands: Command[], keptHint?: KeptHint): Promise<void> {
  const actor = ctx.actor;
  const audiences = audiencesOf(actor);
  const lines = commands.filter((c) => audiences.has(c.audience) && c.inHelp !== false).map((c) => `「${c.name}」${c.summary}`);
  const kept = await keptHint?.(ctx);
  // In a group (or the robot's answer) there is no card to point at: it is per person.
  const footer = ctx.canShowCards ? messages.helpFooter : messages.helpFooterGroup;
  await ctx.reply([messages.helpGreeting(actor.name), ...(kept ? [kept] : []), ...lines, footer].join('\n'));
  if (ctx.canShowCards) {
    await ctx.replyCard(buildCard('help-menu', { taskId: ctx.taskId('help'), vars: { name: actor.name } }));
  }
}

export function helpCommand(all: () => Command[], keptHint?: KeptHint): Command {
  return {
    name: '帮助',
    aliases: ['help', '菜单', '功能', '?', '你好', '您好'],
    summary: '看看我能帮您做什么',
    audience: 'everyone',
    run: (ctx) => sendHelp(ctx, all(), keptHint),
  };
}

export const helpMenuAction = (all: () => Command[], keptHint?: KeptHint): CardAction => ({
  action: 'help.menu',
  argument: 'none',
  run: (ctx) => sendHelp(ctx, all(), keptHint),
});
