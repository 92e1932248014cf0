// 帮助: what this person can do, given their roles (and the answer to any text we do not know).
import { audiencesOf } from '../../domain/roles.ts';
import { buildCard } from '../card-catalog.ts';
import type { BotContext } from '../context.ts';
import { messages } from '../messages.ts';
import type { CardAction, Command } from '../router.ts';

export async function sendHelp(ctx: BotContext, commands: Command[], unknownText?: string): Promise<void> {
  const actor = ctx.actor;
  const audiences = audiencesOf(actor);
  const lines = commands.filter((c) => audiences.has(c.audience) && c.inHelp !== false).map((c) => `「${c.name}」${c.summary}`);
  const head = !unknownText
    ? messages.helpGreeting(actor.name)
    : ctx.inGroup ? messages.helpUnknownGroup : messages.helpUnknown(clip(unknownText, 20));
  // In a group (or the robot's answer) there is no card to point at: it is per person.
  await ctx.reply([head, ...lines, ctx.canShowCards ? messages.helpFooter : messages.helpFooterGroup].join('\n'));
  if (ctx.canShowCards) {
    await ctx.replyCard(buildCard('help-menu', { taskId: ctx.taskId('help'), vars: { name: actor.name } }));
  }
}

export function helpCommand(all: () => Command[]): Command {
  return {
    name: '帮助',
    aliases: ['help', '菜单', '功能', '?', '你好', '您好'],
    summary: '看看我能帮您做什么',
    audience: 'everyone',
    run: (ctx) => sendHelp(ctx, all()),
  };
}

function clip(text: string, max: number): string {
  return [...text].length <= max ? text : [...text].slice(0, max).join('') + '…';
}

export const helpMenuAction = (all: () => Command[]): CardAction => ({
  action: 'help.menu',
  argument: 'none',
  run: (ctx) => sendHelp(ctx, all()),
});
