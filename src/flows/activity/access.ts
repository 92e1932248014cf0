// Who may publish, edit and cancel a unit's activities: its leader, vice leader and liaison
// (rule U2), a station's head, vice head and liaison (U3), and office staff for every unit (U5).
import type { BotContext } from '../../bot/context.ts';
import { isOfficeStaff, UNIT_LEAD_ROLES } from '../../domain/roles.ts';
import { listActivityUnits, type UnitSummary } from '../../repositories/activity-repo.ts';
import { findUnitContacts } from '../../repositories/people-repo.ts';
import { activityFlowMessages as m } from './messages.ts';

const isLeadRole = (role: string) => (UNIT_LEAD_ROLES as readonly string[]).includes(role);

/** The units this person may publish for, in roster order (all of them for office staff). */
export async function publishableUnits(bot: BotContext): Promise<UnitSummary[]> {
  const actor = bot.actor;
  if (isOfficeStaff(actor)) return listActivityUnits(bot.deps.db, bot.orgId);
  const led = actor.memberships.filter((x) => isLeadRole(x.role) && x.unit.kind !== 'office').map((x) => x.unit);
  return [...new Map(led.map((u) => [u.id, u])).values()].sort((a, b) => a.id - b.id);
}

/** One sentence for someone who may not: who can, named from their own units (rule U5). */
export async function refusal(bot: BotContext, verb: string): Promise<string> {
  const units = bot.actor.memberships.map((x) => x.unit).filter((u) => u.kind !== 'office');
  const contacts = await findUnitContacts(bot.deps.db, units.map((u) => u.id), ['leader', 'head'], bot.event.channel);
  const names = [...new Set(contacts.map((c) => c.person.name))].join('、');
  return m.refusal(verb, units[0]?.kind, names, (await bot.policy()).supervisingBody);
}
