// 我的信息: the person's own roster entry, so a deputy can spot a mistake and ask for a fix.
import { ROLE_LABEL, UNIT_KIND_LABEL } from '../../domain/roles.ts';
import type { BotContext } from '../context.ts';
import { messages } from '../messages.ts';
import type { CardAction, Command } from '../router.ts';

async function showWhoami(ctx: BotContext): Promise<void> {
  const p = ctx.actor;
  const body = (await ctx.policy()).supervisingBody;
  const lines = [messages.whoamiTitle(p.name)];
  if (p.levels.length) lines.push(messages.whoamiLevels(p.levels.map((l) => `${l}人大代表`).join('、')));
  if (p.isStaff) lines.push(messages.whoamiStaff);
  if (p.memberships.length === 0) lines.push(messages.whoamiNoUnits);
  for (const m of p.memberships) {
    // The office unit is the supervising body's staff, whatever the roster file called it.
    if (m.unit.kind === 'office') lines.push(messages.whoamiOffice(body));
    else lines.push(`${UNIT_KIND_LABEL[m.unit.kind] ?? ''}：${m.unit.name}（${ROLE_LABEL[m.role] ?? m.role}）`);
  }
  lines.push(messages.whoamiFooter(body));
  await ctx.reply(lines.join('\n'));
}

export const whoamiCommand: Command = {
  name: '我的信息',
  aliases: ['我是谁', '个人信息'],
  summary: '查看您所在的代表小组、联络站和职务',
  audience: 'everyone',
  run: (ctx) => showWhoami(ctx),
};

export const whoamiAction: CardAction = { action: 'help.whoami', argument: 'none', run: (ctx) => showWhoami(ctx) };
