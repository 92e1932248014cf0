// Matches chat text to commands (by name or alias, with the rest as arguments) and card
// button keys to actions (by action id). Commands carry their audience so help can list
// exactly what this person may do.
import type { Audience } from '../domain/roles.ts';
import { BadInputError } from '../lib/errors.ts';
import { normalizeInput } from '../lib/text.ts';
import type { BotContext } from './context.ts';
import { argumentFits, isActionId, parseActionKey, type ActionArgument } from './card-catalog.ts';
import { messages } from './messages.ts';

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
  /**
   * What the key carries after the colon, checked before run is called. Required, so that a
   * new action says what it takes instead of silently refusing every click.
   */
  argument: ActionArgument;
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

  /**
   * The action a button key names, with its argument checked; undefined for an action this
   * bot does not have (an old card). A key that does not parse, or whose argument is not what
   * the action expects, throws a BadInputError: it is refused once and never retried.
   */
  matchAction(key: string): { action: CardAction; argument?: string } | undefined {
    const { action, argument } = parseActionKey(key);
    if (!isActionId(action)) throw new BadInputError('bad_card_key', 'card key does not parse', messages.badButton);
    const handler = this.actions.get(action);
    if (!handler) return undefined;
    if (!argumentFits(handler.argument, argument)) {
      throw new BadInputError('bad_card_argument', `card key for ${action} has an argument it does not take`, messages.badButton);
    }
    return { action: handler, argument };
  }
}
