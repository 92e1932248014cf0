// Choosing one of the upcoming activities this person may manage (修改活动, 取消活动): those
// of the units they may publish for (access.ts). `修改活动 12` picks activity 12 directly.
import type { BotContext } from '../../bot/context.ts';
import { findUpcomingForUnits, type ActivityView } from '../../repositories/activity-repo.ts';
import { parseChoice } from '../parse/choice.ts';
import { formatDateTime } from '../parse/datetime.ts';
import type { FlowContext, Step, StepResult } from '../types.ts';
import { publishableUnits, refusal } from './access.ts';
import { activityFlowMessages as m } from './messages.ts';

export interface PickDraft {
  options?: { id: number; label: string }[];
  activityId?: number;
}

type After<D> = (fc: FlowContext<D>, activityId: number) => Promise<StepResult<D>>;

async function manageable(bot: BotContext, now: Date): Promise<ActivityView[] | undefined> {
  const units = await publishableUnits(bot);
  if (units.length === 0) return undefined;
  return findUpcomingForUnits(bot.deps.db, bot.orgId, units.map((u) => u.id), now);
}

/** The activity if this person may still manage it (checked again before changing anything). */
export async function manageableActivity(bot: BotContext, now: Date, id: number | undefined): Promise<ActivityView | undefined> {
  return (await manageable(bot, now))?.find((a) => a.id === id);
}

/** The flow's begin: a refusal, "nothing to manage", the one activity, or the list to pick from. */
export async function beginPick<D extends PickDraft>(
  fc: Omit<FlowContext<D>, 'draft'>, args: string, verb: string, after: After<D>,
): Promise<StepResult<D>> {
  const activities = await manageable(fc.bot, fc.now);
  if (!activities) return { kind: 'done', say: await refusal(fc.bot, verb) };
  if (activities.length === 0) return { kind: 'done', say: m.noneUpcoming(verb) };
  const requested = activities.find((a) => String(a.id) === args.trim());
  if (requested || activities.length === 1) return after({ ...fc, draft: {} as D }, (requested ?? activities[0]!).id);
  const options = activities.map((a) => ({ id: a.id, label: `${formatDateTime(a.startAt)} ${a.unit.name}·${a.title}` }));
  return { kind: 'next', step: 'pick', draft: { options } as D };
}

export function pickStep<D extends PickDraft>(verb: string, after: After<D>): Step<D> {
  return {
    help: m.pickActivityHelp,
    prompt: (fc) => m.pickActivity(verb, fc.draft.options!.map((o, i) => `${i + 1}. ${o.label}`).join('\n')),
    async handle(input, fc) {
      const options = fc.draft.options!;
      const index = parseChoice(input.text, options.length);
      if (index === undefined) return { kind: 'invalid', message: m.badChoice(options.length) };
      return after(fc, options[index - 1]!.id);
    },
  };
}
