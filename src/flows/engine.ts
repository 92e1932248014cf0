// Runs persisted dialogs: starts flows, feeds each message to the current step, and handles
// what is always available (取消, 返回, 帮助), the idle timeout, answers not understood,
// switching to another command, and moving to private chat before anything personal or any
// summary that repeats what the person typed. What a person typed is never dropped unless they
// say 取消: a dialog that stops for another reason is set aside as a kept draft (kept-drafts.ts)
// that 继续 resumes.
import type { BotContext } from '../bot/context.ts';
import type { Policy } from '../domain/policy.ts';
import { normalizeInput } from '../lib/text.ts';
import * as dialogs from '../repositories/dialog-repo.ts';
import { dialogKey } from './dialog-key.ts';
import { filledLabels, KeptDrafts, typedSomething } from './kept-drafts.ts';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, flowMessages as m } from './messages.ts';
import { parseYesNo } from './parse/choice.ts';
import type { AnyFlow, FlowContext, FlowInput, StepResult } from './types.ts';

type Stored = dialogs.StoredDialog;
// The unit separator: PostgreSQL text cannot hold the NUL that older rows (SQLite) still use.
const SWITCH_SEPARATOR = '\u001f';
const STORED_SEPARATORS = /[\u0000\u001f]/;

/** What became of a message: a dialog's, not one (route it), or to be routed as this text. */
export type Continued = 'handled' | 'none' | { reroute: string };

export class FlowEngine {
  private readonly flows = new Map<string, AnyFlow>();
  /** Dialogs set aside with what was typed, for 继续. */
  readonly kept: KeptDrafts;

  constructor(
    flows: AnyFlow[],
    /**
     * The command a text is, if any. Typed mid-dialog, a command that starts a flow asks to
     * switch; any other command (我的信息) is answered outside the dialog, which stays as it is.
     */
    private readonly commandFor: (text: string) => { flow?: string; args: string } | undefined,
  ) {
    for (const f of flows) this.flows.set(f.name, f);
    this.kept = new KeptDrafts(this.flows, (bot, key, policy, flow, state, options) => this.enter(bot, key, policy, flow, state, undefined, options));
  }

  /** Starts a flow for the sender (asks first if another dialog is under way). */
  async start(bot: BotContext, flowName: string, args = ''): Promise<void> {
    const key = dialogKey(bot);
    const policy = await bot.policy();
    const active = await this.activeDialog(bot, key, policy);
    if (active && !this.flows.get(active.flow)?.transient) {
      await this.askToSwitch(bot, key, active, flowName, args);
      return;
    }
    if (active) await dialogs.deleteDialog(bot.deps.db, key, active.rev);
    // The same command again, without arguments, picks up what was kept of it.
    if (!args && (await this.kept.resumeFlow(bot, policy, flowName))) return;
    await this.begin(bot, key, policy, flowName, args);
  }

  /** Feeds a message to the sender's dialog; 'none' when there is none (route it normally). */
  async continue(bot: BotContext, input: Omit<FlowInput, 'raw'>): Promise<Continued> {
    const key = dialogKey(bot);
    const policy = await bot.policy();
    const stored = await this.activeDialog(bot, key, policy);
    if (!stored) return key.chatKey === 'single' ? 'none' : this.movedToPrivate(bot, key, input.text);
    if (stored.lastEventId === bot.row.id) return 'handled'; // this event was already applied
    const flow = this.flows.get(stored.flow)!;
    const text = normalizeInput(input.text);
    const step = flow.steps[stored.step]!;
    if (flow.transient) return this.answerTransient(bot, key, stored, policy, { ...input, text, raw: input.text.trim() });
    if (stored.pendingSwitch !== undefined) return this.answerSwitch(bot, key, stored, policy, text);
    if (CANCEL_WORDS.has(text)) {
      await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
      await bot.reply(m.cancelled(flow.title));
      return 'handled';
    }
    if (BACK_WORDS.has(text)) return this.goBack(bot, key, stored, policy);
    if (HELP_WORDS.has(text.toLowerCase())) {
      await bot.reply([m.helpPrefix + step.help, m.alwaysAvailable].join('\n'));
      await this.save(bot, key, { ...stored, lastEventId: bot.row.id }, policy, stored.rev);
      return 'handled';
    }
    const command = this.commandFor(text);
    // Words of the flow under way (建议 while choosing the kind of 提建议) are answers, not commands.
    if (command?.flow && command.flow !== stored.flow) {
      await this.askToSwitch(bot, key, stored, command.flow, command.args);
      return 'handled';
    }
    if (command && !command.flow) return 'none';
    const result = await step.handle({ ...input, text, raw: input.text.trim() }, this.context(bot, policy, stored.draft));
    // Asked again with its example and still not an answer: the person has moved on. The dialog
    // is kept for 继续 and this message is handled as a new one.
    if (result.kind === 'invalid' && stored.invalidCount >= policy.dialogMaxInvalid && typedSomething(stored)) {
      await this.kept.setAside(bot, key, stored, policy, 'invalid');
      return 'none';
    }
    return this.apply(bot, key, policy, flow, stored, result);
  }

  /** 继续 with no dialog under way: resumes the latest kept draft. */
  resume(bot: BotContext): Promise<void> {
    return this.kept.resumeLatest(bot);
  }

  /** 取消 with no dialog under way: discards kept drafts, or says there is nothing to cancel. */
  async cancelNothing(bot: BotContext): Promise<void> {
    const titles = await this.kept.discard(bot);
    await bot.reply(titles.length ? m.keptDiscarded(titles) : m.nothingToCancel);
  }

  /** The sender's dialog if it is still alive; an expired or outdated one is ended with a word. */
  private async activeDialog(bot: BotContext, key: dialogs.DialogKey, policy: Policy): Promise<Stored | undefined> {
    const stored = await dialogs.loadDialog(bot.deps.db, key);
    if (!stored) return undefined;
    const flow = this.flows.get(stored.flow);
    const current = flow !== undefined && flow.version === stored.version;
    if (current && stored.expiresAt > bot.deps.clock.now()) return stored;
    if (current && !flow.transient && typedSomething(stored)) {
      await this.kept.setAside(bot, key, stored, policy, 'timeout'); // nothing typed is lost to the clock
      return undefined;
    }
    await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
    if (flow?.transient) return undefined; // an unanswered question simply lapses
    const title = flow?.title ?? stored.flow;
    await bot.reply(current ? m.expired(title) : m.outdated(title));
    return undefined;
  }

  /**
   * In a group, with no dialog here: if the person's dialog moved from this group to private
   * chat, their messages here point there (取消 still ends it; commands still work).
   */
  private async movedToPrivate(bot: BotContext, key: dialogs.DialogKey, typed: string): Promise<Continued> {
    const moved = await dialogs.findMovedDialog(bot.deps.db, key, key.chatKey);
    const flow = moved && this.flows.get(moved.flow);
    if (!moved || !flow || flow.version !== moved.version || moved.expiresAt <= bot.deps.clock.now()) return 'none';
    const text = normalizeInput(typed);
    if (CANCEL_WORDS.has(text)) {
      await dialogs.deleteDialog(bot.deps.db, { ...key, chatKey: 'single' }, moved.rev);
      await bot.reply(m.cancelled(flow.title));
      return 'handled';
    }
    if (this.commandFor(text)) return 'none';
    await bot.reply(m.continuePrivately(bot.person?.name ?? '', flow.title));
    return 'handled';
  }

  private async begin(bot: BotContext, key: dialogs.DialogKey, policy: Policy, flowName: string, args: string) {
    const flow = this.flows.get(flowName);
    if (!flow) throw new Error(`unknown flow ${flowName}`);
    const result = await flow.begin({ bot, now: bot.deps.clock.now(), policy }, args);
    await this.apply(bot, key, policy, flow, undefined, result);
  }

  private async apply(
    bot: BotContext,
    key: dialogs.DialogKey,
    policy: Policy,
    flow: AnyFlow,
    stored: Stored | undefined,
    result: StepResult<unknown>,
  ): Promise<Continued> {
    const base: dialogs.DialogState = stored ?? {
      flow: flow.name, version: flow.version, step: '', draft: {}, history: [], invalidCount: 0, expiresAt: bot.deps.clock.now(),
    };
    const state = { ...base, lastEventId: bot.row.id };
    if (result.kind === 'reroute') {
      if (stored) await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
      return { reroute: result.text };
    }
    if (result.kind === 'done' || (!stored && result.kind === 'invalid')) {
      // A flow that ends (or refuses) at once never had a dialog.
      if (stored) await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
      await bot.reply(result.kind === 'done' ? result.say : result.message);
      return 'handled';
    }
    if (result.kind === 'stay') {
      await this.save(bot, key, { ...state, draft: result.draft }, policy, stored?.rev);
      if (result.say) await bot.reply(result.say);
      return 'handled';
    }
    if (result.kind === 'invalid') return this.invalid(bot, key, policy, flow, state, stored, result.message);
    const history = base.step ? [...base.history, { step: base.step, draft: base.draft }] : base.history;
    const next = { ...state, step: result.step, draft: result.draft, history, invalidCount: 0 };
    await this.enter(bot, key, policy, flow, next, stored?.rev, { say: result.say });
    return 'handled';
  }

  /** An answer not understood: said why; the last time, the step again with its example. */
  private async invalid(
    bot: BotContext, key: dialogs.DialogKey, policy: Policy, flow: AnyFlow,
    state: dialogs.DialogState, stored: Stored | undefined, message: string,
  ): Promise<Continued> {
    const invalidCount = state.invalidCount + 1;
    const help = flow.steps[state.step]?.help ?? '';
    if (invalidCount >= policy.dialogMaxInvalid && !typedSomething(state)) {
      // Nothing typed yet, so nothing to keep: the dialog ends with what to send next time.
      await dialogs.deleteDialog(bot.deps.db, key, stored?.rev);
      await bot.reply(m.tooManyInvalid(flow.title, help));
      return 'handled';
    }
    await this.save(bot, key, { ...state, invalidCount }, policy, stored?.rev);
    await bot.reply(invalidCount >= policy.dialogMaxInvalid ? m.reAsk(help, filledLabels(flow, state), flow.title) : message);
    return 'handled';
  }

  /**
   * Enters a step: saves, then asks its question — in private chat if the step is personal or
   * repeats what was typed, or when `privately` (a draft kept from a private chat).
   */
  private async enter(
    bot: BotContext, key: dialogs.DialogKey, policy: Policy, flow: AnyFlow,
    state: dialogs.DialogState, rev: number | undefined, options: { say?: string; privately?: boolean } = {},
  ) {
    const step = flow.steps[state.step];
    if (!step) throw new Error(`flow ${flow.name} has no step ${state.step}`);
    const question = await step.prompt(this.context(bot, policy, state.draft));
    const text = [options.say, question].filter(Boolean).join('\n');
    if ((step.personal || step.echoes || options.privately) && key.chatKey !== 'single') {
      await dialogs.deleteDialog(bot.deps.db, key, rev);
      await this.save(bot, { ...key, chatKey: 'single' }, { ...state, movedFrom: key.chatKey }, policy, undefined);
      const name = bot.person?.name ?? '';
      await bot.replyPrivately(text, step.echoes && !step.personal ? m.movedToPrivateToConfirm(name) : m.movedToPrivate(name));
      return;
    }
    await this.save(bot, key, state, policy, rev);
    await bot.reply(text);
  }

  private async goBack(bot: BotContext, key: dialogs.DialogKey, stored: Stored, policy: Policy): Promise<Continued> {
    const flow = this.flows.get(stored.flow)!;
    const previous = stored.history.at(-1);
    if (!previous) {
      const question = await flow.steps[stored.step]!.prompt(this.context(bot, policy, stored.draft));
      await this.save(bot, key, { ...stored, lastEventId: bot.row.id }, policy, stored.rev);
      await bot.reply(`${m.firstStep}\n${question}`);
      return 'handled';
    }
    const state = { ...stored, step: previous.step, draft: previous.draft, history: stored.history.slice(0, -1), invalidCount: 0, lastEventId: bot.row.id };
    await this.enter(bot, key, policy, flow, state, stored.rev);
    return 'handled';
  }

  private async askToSwitch(bot: BotContext, key: dialogs.DialogKey, stored: Stored, flowName: string, args: string) {
    const current = this.flows.get(stored.flow)!;
    const next = this.flows.get(flowName)?.title ?? flowName;
    const policy = await bot.policy();
    await this.save(bot, key, { ...stored, pendingSwitch: `${flowName}${SWITCH_SEPARATOR}${args}`, lastEventId: bot.row.id }, policy, stored.rev);
    await bot.reply(m.switchAsk(current.title, next));
  }

  private async answerSwitch(bot: BotContext, key: dialogs.DialogKey, stored: Stored, policy: Policy, text: string): Promise<Continued> {
    const answer = parseYesNo(text);
    const current = this.flows.get(stored.flow)!;
    if (answer === 'yes') {
      const [flowName, args] = stored.pendingSwitch!.split(STORED_SEPARATORS) as [string, string];
      // What was typed into the first one is kept for 继续, not dropped.
      if (typedSomething(stored)) await this.kept.setAside(bot, key, stored, policy, 'switch');
      else await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
      await this.begin(bot, key, policy, flowName, args);
      return 'handled';
    }
    if (answer === 'no') {
      const question = await current.steps[stored.step]!.prompt(this.context(bot, policy, stored.draft));
      await this.save(bot, key, { ...stored, pendingSwitch: undefined, lastEventId: bot.row.id }, policy, stored.rev);
      await bot.reply(`${m.switchKeep(current.title)}\n${question}`);
      return 'handled';
    }
    await this.save(bot, key, { ...stored, lastEventId: bot.row.id }, policy, stored.rev);
    await bot.reply(m.switchUnclear);
    return 'handled';
  }

  /** A one-question dialog: whatever comes next ends it (an answer, or a new message). */
  private async answerTransient(bot: BotContext, key: dialogs.DialogKey, stored: Stored, policy: Policy, input: FlowInput): Promise<Continued> {
    const flow = this.flows.get(stored.flow)!;
    const result = await flow.steps[stored.step]!.handle(input, this.context(bot, policy, stored.draft));
    if (result.kind === 'reroute' || result.kind === 'done') return this.apply(bot, key, policy, flow, stored, result);
    await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
    return 'none';
  }

  private save(bot: BotContext, key: dialogs.DialogKey, state: dialogs.DialogState, policy: Policy, rev: number | undefined) {
    const expiresAt = new Date(bot.deps.clock.now().getTime() + policy.dialogTimeoutMinutes * 60_000);
    return dialogs.saveDialog(bot.deps.db, key, { ...state, expiresAt }, rev);
  }

  private context<D>(bot: BotContext, policy: Policy, draft: D): FlowContext<D> {
    return { bot, now: bot.deps.clock.now(), policy, draft };
  }
}

export { dialogKey } from './dialog-key.ts';
