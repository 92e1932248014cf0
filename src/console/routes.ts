// What a console page is: a method, a path under /console, who may open it, and a handler.
// Every page goes through one guard (console-app.ts), so none can skip the session, the role
// check or the CSRF token; the access test enumerates the router to prove it.
import type Koa from 'koa';
import type { BotDeps } from '../bot/context.ts';
import type { PersonWithRoles } from '../repositories/people-repo.ts';
import type { Channel } from '../platforms/types.ts';
import type { Html } from './html.ts';

/** 'lead': a unit's leads and office staff (the bot's unit_lead audience); 'office': office staff. */
export type Need = 'lead' | 'office';

export interface ConsoleCtx {
  deps: BotDeps;
  orgId: number;
  /** The organisation's code (the roster import names it). */
  orgCode: string;
  person: PersonWithRoles;
  office: boolean;
  csrf: string;
  now: Date;
  mode: 'local' | 'platform';
  /** The platform the person signed in through (their copy of a card they decide is settled there). */
  channel: Channel;
  /** The platforms the organisation has an app on (the roster import names people on none of them); undefined: not known. */
  reachableChannels(): Promise<Channel[] | undefined>;
  /** The form of a POST (already read and CSRF-checked). */
  form: Record<string, string>;
  pokeOutbox(): void;
  /** Renders a page in the shell (menu, flash). */
  render(title: string, body: Html, current?: string): void;
  /** Redirects after an action, with one sentence for the next page. */
  done(to: string, message: string): void;
}

export interface ConsoleRoute {
  method: 'GET' | 'POST';
  path: string;
  need: Need;
  handle(ctx: Koa.Context, c: ConsoleCtx): Promise<void>;
}

export const get = (path: string, need: Need, handle: ConsoleRoute['handle']): ConsoleRoute => ({ method: 'GET', path, need, handle });
export const post = (path: string, need: Need, handle: ConsoleRoute['handle']): ConsoleRoute => ({ method: 'POST', path, need, handle });

/** A positive whole number from a path or form value, or undefined. */
export function idOf(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  return n > 0 ? n : undefined;
}
