// From a chat event to the suggestion services: who acts (the person, under the event's key,
// so a reprocessed event changes nothing twice) and what the services need.
import type { BotContext } from '../../bot/context.ts';
import { splitText } from '../../lib/split-text.ts';
import { splitNumber } from '../../domain/suggestions/numbers.ts';
import type { Acting, SuggestionDeps } from '../../services/suggestions/deps.ts';
import { suggestionText } from '../../services/suggestions/messages.ts';

export function actingOf(bot: BotContext): Acting {
  return { person: bot.actor, key: `event:${bot.row.channel}:${bot.row.id}` };
}

export function depsOf(bot: BotContext): SuggestionDeps {
  return { db: bot.deps.db, outbound: bot.deps.outbound, now: bot.deps.clock.now(), logger: bot.deps.logger };
}

/** A list that may be long, privately, in parts the platform will not cut off. */
export async function replyList(bot: BotContext, text: string): Promise<void> {
  for (const part of splitText(text)) await bot.replyPrivately(part);
}

/** The number at the start of the arguments, or the sentence asking for it. */
export function numberArg(args: string, example: string): { ok: true; number: string; rest: string } | { ok: false; message: string } {
  const { number, rest } = splitNumber(args);
  return number ? { ok: true, number, rest } : { ok: false, message: suggestionText.badNumber(example) };
}
