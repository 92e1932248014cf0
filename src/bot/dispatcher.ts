// Turns one claimed InboundEvent into work: finds the person, routes text to a command or a
// click to a card action, and falls back to help. Its error boundary makes sure a user whose
// message finally fails is told so instead of hearing nothing. An event with a one-use reply
// URL gets its collected answer written once the event is handled (ctx.finish). Input that can
// never work (a forged card key) is answered with its own sentence at once, and the worker
// does not retry it.
import { isBadInput } from '../lib/errors.ts';
import type { InboundEvent } from '../platforms/types.ts';
import type { ClaimedInboundEvent } from '../repositories/inbound-repo.ts';
import { findPersonByAccount } from '../repositories/people-repo.ts';
import { isPermanentFailure, type EventHandler } from '../jobs/inbound-worker.ts';
import { BotContext, type BotDeps } from './context.ts';
import { messages } from './messages.ts';
import type { Router } from './router.ts';
import type { FlowEngine } from '../flows/engine.ts';
import { sendHelp } from './commands/help.ts';
import { audienceLabel, audiencesOf } from '../domain/roles.ts';

/** Message types whose text is read as a command ('mixed': the robot's text with images). */
const TEXT_TYPES = new Set(['text', 'mixed']);

export class Dispatcher implements EventHandler {
  constructor(
    private readonly deps: BotDeps,
    private readonly router: Router,
    private readonly flows?: FlowEngine,
  ) {}

  async handle(row: ClaimedInboundEvent, finalAttempt: boolean): Promise<void> {
    const event = JSON.parse(row.payload) as InboundEvent;
    const person = await findPersonByAccount(this.deps.db, row.orgId, event.channel, event.senderId);
    const ctx = new BotContext(this.deps, row, event, person);
    try {
      await this.route(ctx);
    } catch (err) {
      // A failure that will be retried sends nothing through the one-use URL: the retry
      // answers in full. The last attempt (or a failure no retry can mend) sends what it
      // has, with the apology, or with the sentence that says what was wrong with the input.
      if (finalAttempt || isPermanentFailure(err)) {
        await ctx.reply(isBadInput(err) ? err.userMessage : messages.systemError);
        await ctx.finish();
      }
      throw err;
    }
    await ctx.finish();
  }

  private async route(ctx: BotContext): Promise<void> {
    const { event } = ctx;
    if (event.type === 'event') return; // enter_agent and the like need no answer
    if (!ctx.person) {
      await ctx.reply(messages.unknownUser((await ctx.policy()).supervisingBody));
      return;
    }
    if (event.type === 'card_action') {
      const match = this.router.matchAction(event.actionKey);
      if (match) await match.action.run(ctx, match.argument);
      else await ctx.reply(messages.staleButton);
      return;
    }
    // A dialog under way gets the message first (取消, 返回, 帮助 and answers are its own).
    const input = { text: event.text, msgType: event.msgType, mediaRef: event.mediaRef };
    if (this.flows && (await this.flows.continue(ctx, input))) return;
    const match = event.text ? this.router.matchText(event.text) : undefined;
    if (!TEXT_TYPES.has(event.msgType) || !event.text) {
      await ctx.reply(messages.notText);
      return;
    }
    if (match) {
      if (audiencesOf(ctx.actor).has(match.command.audience)) await match.command.run(ctx, match.args);
      else if (match.command.refuse) await match.command.refuse(ctx);
      else {
        const body = (await ctx.policy()).supervisingBody;
        await ctx.reply(messages.notForYou(match.command.name, audienceLabel(match.command.audience, body), body));
      }
      return;
    }
    await sendHelp(ctx, this.router.commands, event.text);
  }
}
