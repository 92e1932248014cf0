// Turns one claimed InboundEvent into work: finds the person, routes text to a command or a
// click to a card action, and falls back to help. Its error boundary makes sure a user whose
// message finally fails is told so instead of hearing nothing. An event with a one-use reply
// URL gets its collected answer written once the event is handled (ctx.finish). Input that can
// never work (a forged card key) is answered with its own sentence at once, and the worker
// does not retry it. A message that is no command gets one short line, or 您是要「…」吗？ when
// it almost is one.
import { isBadInput } from '../lib/errors.ts';
import type { InboundEvent } from '../platforms/types.ts';
import type { ClaimedInboundEvent } from '../repositories/inbound-repo.ts';
import { findPersonByAccount } from '../repositories/people-repo.ts';
import { isPermanentFailure, type EventHandler } from '../jobs/inbound-worker.ts';
import { BotContext, type BotDeps } from './context.ts';
import { messages } from './messages.ts';
import type { Command, Router } from './router.ts';
import type { FlowEngine } from '../flows/engine.ts';
import { didYouMeanFlow } from '../flows/did-you-mean.flow.ts';
import { CANCEL_WORDS, RESUME_WORDS } from '../flows/messages.ts';
import { normalizeInput } from '../lib/text.ts';
import { audienceLabel, audiencesOf } from '../domain/roles.ts';
import { nearMiss } from './near-miss.ts';

/** Message types whose text is read as a command ('mixed': the robot's text with images). */
const TEXT_TYPES = new Set(['text', 'mixed']);

export class Dispatcher implements EventHandler {
  constructor(
    private readonly deps: BotDeps,
    private readonly router: Router,
    private readonly flows?: FlowEngine,
  ) {}

  async handle(row: ClaimedInboundEvent, finalAttempt: boolean): Promise<void> {
    const event = parseStoredEvent(row.payload);
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
    const continued = this.flows ? await this.flows.continue(ctx, input) : 'none';
    if (continued === 'handled') return;
    const text = typeof continued === 'object' ? continued.reroute : event.text;
    if (!TEXT_TYPES.has(event.msgType) || !text) {
      await ctx.reply(messages.notText);
      return;
    }
    const match = this.router.matchText(text);
    if (match) return this.runCommand(ctx, match.command, match.args);
    await this.answerUnknown(ctx, text);
  }

  private async runCommand(ctx: BotContext, command: Command, args: string): Promise<void> {
    if (audiencesOf(ctx.actor).has(command.audience)) return command.run(ctx, args);
    if (command.refuse) return command.refuse(ctx);
    const body = (await ctx.policy()).supervisingBody;
    await ctx.reply(messages.notForYou(command.name, audienceLabel(command.audience, body), body));
  }

  /**
   * Not a command: 取消 or 继续 with no dialog open, a near miss (您是要「请假」吗？), or one short
   * line — never the whole command list (帮助 gives that).
   */
  private async answerUnknown(ctx: BotContext, text: string): Promise<void> {
    const typed = normalizeInput(text);
    if (this.flows && CANCEL_WORDS.has(typed)) return this.flows.cancelNothing(ctx);
    if (this.flows && RESUME_WORDS.has(typed)) return this.flows.resume(ctx);
    const audiences = audiencesOf(ctx.actor);
    const words = this.router.commands.filter((c) => audiences.has(c.audience))
      .flatMap((c) => [c.name, ...(c.aliases ?? [])].map((word) => ({ word, command: c.name })));
    const guess = nearMiss(text, words);
    if (guess && this.flows) return this.flows.start(ctx, didYouMeanFlow.name, guess);
    // In a group the words are not repeated (rule R6: they may be a phone number or a name).
    await ctx.reply(ctx.inGroup ? messages.unknownGroup : messages.unknown(clip(typed, 20)));
  }
}

function clip(text: string, max: number): string {
  return [...text].length <= max ? text : [...text].slice(0, max).join('') + '…';
}

/** Rows claimed before the neutral card handle stored WeCom's responseCode: read them the same. */
function parseStoredEvent(payload: string): InboundEvent {
  const event = JSON.parse(payload) as InboundEvent & { responseCode?: string };
  if (event.type === 'card_action' && event.cardHandle === undefined && event.responseCode) event.cardHandle = event.responseCode;
  return event;
}
