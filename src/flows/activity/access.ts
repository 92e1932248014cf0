// Who may publish, edit and cancel a unit's activities: its leader, vice leader and liaison
// (rule U2), a station's head, vice head and liaison (U3), and office staff for every unit (U5).
import type { BotContext } from '../../bot/context.ts';
import type { UnitSummary } from '../../repositories/activity-repo.ts';
import { findUnitContacts } from '../../repositories/people-repo.ts';
import { keptUnits } from '../../services/access/access-service.ts';
import { activityFlowMessages as m } from './messages.ts';

/** The units this person may publish for, in roster order (all of them for office staff). */
export function publishableUnits(bot: BotContext): Promise<UnitSummary[]> {
  return keptUnits(bot.deps.db, bot.orgId, bot.actor);
}

/** One sentence for someone who may not: who can, named from their own units (rule U5). */
export async function refusal(bot: BotContext, verb: string): Promise<string> {
  const units = bot.actor.memberships.map((x) => x.unit).filter((u) => u.kind !== 'office');
  const contacts = await findUnitContacts(bot.deps.db, units.map((u) => u.id), ['leader', 'head'], bot.event.channel);
  const names = [...new Set(contacts.map((c) => c.person.name))].join('、');
  return m.refusal(verb, units[0]?.kind, names, (await bot.policy()).supervisingBody);
}
