// Matches chat text to commands (by name or alias, with the rest as arguments) and card
// button keys to actions (by action id). Commands carry their audience so help can list
// exactly what this person may do.
import type { Audience } from '../domain/roles.ts';
import { normalizeInput } from '../lib/text.ts';
import type { BotContext } from './context.ts';
import { parseActionKey } from './card-catalog.ts';

export interface Command {
  name: string;
  aliases?: string[];
  summary: string;
  audience: Audience;
  /** The flow this command starts, if it starts one (typed mid-dialog, it asks to switch). */
  flow?: string;
  run(ctx: BotContext, args: string): Promise<void>;
  /** false: works, but 帮助 does not list it (a family of commands listed once, e.g. 建议列表). */
  inHelp?: boolean;
  /** What to say to someone outside the audience, instead of the generic sentence. */
  refuse?(ctx: BotContext): Promise<void>;
}

export interface CardAction {
  action: string;
  run(ctx: BotContext, argument: string | undefined): Promise<void>;
}

export class Router {
  private readonly byName = new Map<string, Command>();
  private readonly actions = new Map<string, CardAction>();

  constructor(
    readonly commands: Command[],
    actions: CardAction[],
  ) {
    for (const c of commands) for (const n of [c.name, ...(c.aliases ?? [])]) this.byName.set(n.toLowerCase(), c);
    for (const a of actions) this.actions.set(a.action, a);
  }

  matchText(text: string): { command: Command; args: string } | undefined {
    const input = normalizeInput(text);
    const exact = this.byName.get(input.toLowerCase());
    if (exact) return { command: exact, args: '' };
    const space = input.indexOf(' ');
    if (space < 0) return undefined;
    const command = this.byName.get(input.slice(0, space).toLowerCase());
    return command && { command, args: input.slice(space + 1).trim() };
  }

  matchAction(key: string): { action: CardAction; argument?: string } | undefined {
    const { action, argument } = parseActionKey(key);
    const handler = this.actions.get(action);
    return handler && { action: handler, argument };
  }
}
