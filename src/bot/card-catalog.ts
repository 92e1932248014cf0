// Cards are neutral JSON definitions in /cards with stable action ids; this fills in the
// {{placeholders}} and turns actions into button keys ("<action>" or "<action>:<argument>").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { NeutralCard } from '../platforms/types.ts';

const CARDS_DIR = join(import.meta.dirname, '..', '..', 'cards');

const definitionSchema = z.object({
  id: z.string(),
  source: z.string().optional(),
  title: z.string(),
  description: z.string().optional(),
  emphasis: z.object({ title: z.string(), description: z.string().optional() }).optional(),
  quote: z.string().optional(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })).max(6).optional(),
  buttons: z
    .array(z.object({ action: z.string(), text: z.string(), style: z.enum(['primary', 'default', 'danger']).optional() }))
    .max(6),
});

export type CardDefinition = z.infer<typeof definitionSchema>;

const cache = new Map<string, CardDefinition>();

export function cardDefinition(id: string): CardDefinition {
  let def = cache.get(id);
  if (!def) {
    def = definitionSchema.parse(JSON.parse(readFileSync(join(CARDS_DIR, `${id}.json`), 'utf8')));
    cache.set(id, def);
  }
  return def;
}

export function buildCard(
  id: string,
  /** actions: only these of the definition's buttons (a card shows what its reader may do now). */
  options: { taskId: string; vars?: Record<string, string>; argument?: string; actions?: readonly string[] },
): NeutralCard {
  const def = cardDefinition(id);
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, name: string) => options.vars?.[name] ?? '');
  const suffix = options.argument === undefined ? '' : `:${options.argument}`;
  return {
    taskId: options.taskId,
    source: def.source && fill(def.source),
    title: fill(def.title),
    description: def.description && fill(def.description),
    emphasis: def.emphasis && { title: fill(def.emphasis.title), description: def.emphasis.description && fill(def.emphasis.description) },
    quote: def.quote && (fill(def.quote) || undefined),
    // A field whose value is empty after filling (no answer yet, say) is left off the card.
    fields: def.fields?.map((f) => ({ label: fill(f.label), value: fill(f.value) })).filter((f) => f.value.trim() !== ''),
    buttons: def.buttons
      .filter((b) => !options.actions || options.actions.includes(b.action))
      .map((b) => ({ key: `${b.action}${suffix}`, text: fill(b.text), style: b.style })),
  };
}

/** Splits a button key into its action id and argument. */
export function parseActionKey(key: string): { action: string; argument?: string } {
  const i = key.indexOf(':');
  return i < 0 ? { action: key } : { action: key.slice(0, i), argument: key.slice(i + 1) };
}

/**
 * What an action's argument must be: 'id' is a row id (a positive whole number that fits the
 * database's integer), 'token' a row id and a 16-hex-digit token ("12.0f3a…", a voting card's
 * button, rule E3), 'none' means the key has no argument. A key is written by buildCard, but it
 * comes back from the platform as text anyone with the callback keys could forge.
 */
export type ActionArgument = 'id' | 'token' | 'none';

const ACTION_ID = /^[a-z][a-z0-9_.-]{0,63}$/;
const ROW_ID = /^[1-9]\d{0,9}$/;
const MAX_ROW_ID = 2_147_483_647;

/** Whether a parsed key's action id is well formed (an unknown one is still "stale", not bad). */
export function isActionId(action: string): boolean {
  return ACTION_ID.test(action);
}

const TOKEN = /^[0-9a-f]{16}$/;

export function argumentFits(kind: ActionArgument, argument: string | undefined): boolean {
  if (kind === 'none') return argument === undefined;
  if (argument === undefined) return false;
  if (kind === 'token') {
    const [id, token, ...rest] = argument.split('.');
    return rest.length === 0 && token !== undefined && TOKEN.test(token) && argumentFits('id', id);
  }
  return ROW_ID.test(argument) && Number(argument) <= MAX_ROW_ID;
}
