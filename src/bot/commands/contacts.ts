// 联系工作人员: who to call — the leaders and liaisons of the person's own units, and the office.
import { ROLE_LABEL, UNIT_LEAD_ROLES } from '../../domain/roles.ts';
import { findOfficeUnitIds, findUnitContacts } from '../../repositories/people-repo.ts';
import type { BotContext } from '../context.ts';
import { messages } from '../messages.ts';
import type { CardAction, Command } from '../router.ts';

async function showContacts(ctx: BotContext): Promise<void> {
  const { db } = ctx.deps;
  const body = (await ctx.policy()).supervisingBody;
  const ownUnits = ctx.actor.memberships.filter((m) => m.unit.kind !== 'office').map((m) => m.unit.id);
  const leads = await findUnitContacts(db, ownUnits, [...UNIT_LEAD_ROLES], ctx.event.channel);
  const office = await findUnitContacts(db, await findOfficeUnitIds(db, ctx.orgId), ['staff'], ctx.event.channel);
  const lines = [
    ...leads.filter((c) => c.person.id !== ctx.actor.id).map((c) => `${c.unit.name}${ROLE_LABEL[c.role] ?? ''}：${c.person.name}`),
    // Office staff answer the public's and deputies' calls: their work phone is shown.
    ...office.map((c) => messages.contactsOffice(body, c.person.name, c.person.mobile)),
  ];
  await ctx.reply(lines.length ? [messages.contactsTitle, ...lines].join('\n') : messages.contactsNone(body));
}

export const contactsCommand: Command = {
  name: '联系工作人员',
  aliases: ['联系人', '联系方式', '找工作人员'],
  summary: '查看您的组长、联络员和工作人员的联系方式',
  audience: 'everyone',
  run: (ctx) => showContacts(ctx),
};

export const contactsAction: CardAction = { action: 'help.contacts', argument: 'none', run: (ctx) => showContacts(ctx) };
