// Runs persisted dialogs: starts flows, feeds each message to the current step, and handles
// what is always available (取消, 返回, 帮助), the idle timeout, the invalid-answer limit,
// switching to another command, and moving to private chat before anything personal or any
// summary that repeats what the person typed.
import type { BotContext } from '../bot/context.ts';
import type { Policy } from '../domain/policy.ts';
import { normalizeInput } from '../lib/text.ts';
import * as dialogs from '../repositories/dialog-repo.ts';
import { loadPolicy } from '../repositories/org-repo.ts';
import { BACK_WORDS, CANCEL_WORDS, HELP_WORDS, flowMessages as m } from './messages.ts';
import { parseYesNo } from './parse/choice.ts';
import type { AnyFlow, FlowContext, FlowInput, StepResult } from './types.ts';

type Stored = dialogs.StoredDialog;
const SWITCH_SEPARATOR = '\u0000';

export class FlowEngine {
  private readonly flows = new Map<string, AnyFlow>();

  constructor(
    flows: AnyFlow[],
    /**
     * The command a text is, if any. Typed mid-dialog, a command that starts a flow asks to
     * switch; any other command (我的信息) is answered outside the dialog, which stays as it is.
     */
    private readonly commandFor: (text: string) => { flow?: string; args: string } | undefined,
  ) {
    for (const f of flows) this.flows.set(f.name, f);
  }

  /** Starts a flow for the sender (asks first if another dialog is under way). */
  async start(bot: BotContext, flowName: string, args = ''): Promise<void> {
    const key = dialogKey(bot);
    const policy = await loadPolicy(bot.deps.db, bot.orgId);
    const active = await this.activeDialog(bot, key);
    if (active) {
      await this.askToSwitch(bot, key, active, flowName, args);
      return;
    }
    await this.begin(bot, key, policy, flowName, args);
  }

  /** Feeds a message to the sender's dialog; false when there is none (route it normally). */
  async continue(bot: BotContext, input: Omit<FlowInput, 'raw'>): Promise<boolean> {
    const key = dialogKey(bot);
    const stored = await this.activeDialog(bot, key);
    if (!stored) return false;
    if (stored.lastEventId === bot.row.id) return true; // this event was already applied
    const policy = await loadPolicy(bot.deps.db, bot.orgId);
    const flow = this.flows.get(stored.flow)!;
    const text = normalizeInput(input.text);
    if (stored.pendingSwitch !== undefined) return this.answerSwitch(bot, key, stored, policy, text);
    if (CANCEL_WORDS.has(text)) {
      await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
      await bot.reply(m.cancelled(flow.title));
      return true;
    }
    if (BACK_WORDS.has(text)) return this.goBack(bot, key, stored, policy);
    if (HELP_WORDS.has(text.toLowerCase())) {
      const step = flow.steps[stored.step]!;
      await bot.reply([m.helpPrefix + step.help, m.alwaysAvailable].join('\n'));
      await this.save(bot, key, { ...stored, lastEventId: bot.row.id }, policy, stored.rev);
      return true;
    }
    const command = this.commandFor(text);
    // Words of the flow under way (建议 while choosing the kind of 提建议) are answers, not commands.
    if (command?.flow && command.flow !== stored.flow) {
      await this.askToSwitch(bot, key, stored, command.flow, command.args);
      return true;
    }
    if (command && !command.flow) return false;
    const fc = this.context(bot, policy, stored.draft);
    const result = await flow.steps[stored.step]!.handle({ ...input, text, raw: input.text.trim() }, fc);
    await this.apply(bot, key, policy, flow, stored, result);
    return true;
  }

  /** The sender's dialog if it is still alive; an expired or outdated one is ended with a word. */
  private async activeDialog(bot: BotContext, key: dialogs.DialogKey): Promise<Stored | undefined> {
    const stored = await dialogs.loadDialog(bot.deps.db, key);
    if (!stored) return undefined;
    const flow = this.flows.get(stored.flow);
    if (flow && flow.version === stored.version && stored.expiresAt > bot.deps.clock.now()) return stored;
    await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
    const title = flow?.title ?? stored.flow;
    await bot.reply(flow && flow.version === stored.version ? m.expired(title) : m.outdated(title));
    return undefined;
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
  ): Promise<void> {
    const base: dialogs.DialogState = stored ?? {
      flow: flow.name, version: flow.version, step: '', draft: {}, history: [], invalidCount: 0, expiresAt: bot.deps.clock.now(),
    };
    const state = { ...base, lastEventId: bot.row.id };
    if (result.kind === 'done' || (!stored && result.kind === 'invalid')) {
      // A flow that ends (or refuses) at once never had a dialog.
      if (stored) await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
      await bot.reply(result.kind === 'done' ? result.say : result.message);
      return;
    }
    if (result.kind === 'stay') {
      await this.save(bot, key, { ...state, draft: result.draft }, policy, stored?.rev);
      if (result.say) await bot.reply(result.say);
      return;
    }
    if (result.kind === 'invalid') return this.invalid(bot, key, policy, flow, state, stored, result.message);
    const history = base.step ? [...base.history, { step: base.step, draft: base.draft }] : base.history;
    const next = { ...state, step: result.step, draft: result.draft, history, invalidCount: 0 };
    await this.enter(bot, key, policy, flow, next, stored?.rev, result.say);
  }

  private async invalid(
    bot: BotContext, key: dialogs.DialogKey, policy: Policy, flow: AnyFlow,
    state: dialogs.DialogState, stored: Stored | undefined, message: string,
  ) {
    const invalidCount = state.invalidCount + 1;
    if (invalidCount >= policy.dialogMaxInvalid) {
      await dialogs.deleteDialog(bot.deps.db, key, stored?.rev);
      await bot.reply(m.tooManyInvalid(flow.title, flow.steps[state.step]?.help ?? ''));
      return;
    }
    await this.save(bot, key, { ...state, invalidCount }, policy, stored?.rev);
    await bot.reply(message);
  }

  /** Enters a step: saves, then asks its question (in private chat if the step is personal). */
  private async enter(
    bot: BotContext, key: dialogs.DialogKey, policy: Policy, flow: AnyFlow,
    state: dialogs.DialogState, rev: number | undefined, say?: string,
  ) {
    const step = flow.steps[state.step];
    if (!step) throw new Error(`flow ${flow.name} has no step ${state.step}`);
    const question = await step.prompt(this.context(bot, policy, state.draft));
    const text = [say, question].filter(Boolean).join('\n');
    if ((step.personal || step.echoes) && key.chatKey !== 'single') {
      await dialogs.deleteDialog(bot.deps.db, key, rev);
      await this.save(bot, { ...key, chatKey: 'single' }, state, policy, undefined);
      const name = bot.person?.name ?? '';
      await bot.replyPrivately(text, step.personal ? m.movedToPrivate(name) : m.movedToPrivateToConfirm(name));
      return;
    }
    await this.save(bot, key, state, policy, rev);
    await bot.reply(text);
  }

  private async goBack(bot: BotContext, key: dialogs.DialogKey, stored: Stored, policy: Policy): Promise<boolean> {
    const flow = this.flows.get(stored.flow)!;
    const previous = stored.history.at(-1);
    if (!previous) {
      const question = await flow.steps[stored.step]!.prompt(this.context(bot, policy, stored.draft));
      await this.save(bot, key, { ...stored, lastEventId: bot.row.id }, policy, stored.rev);
      await bot.reply(`${m.firstStep}\n${question}`);
      return true;
    }
    const state = { ...stored, step: previous.step, draft: previous.draft, history: stored.history.slice(0, -1), invalidCount: 0, lastEventId: bot.row.id };
    await this.enter(bot, key, policy, flow, state, stored.rev);
    return true;
  }

  private async askToSwitch(bot: BotContext, key: dialogs.DialogKey, stored: Stored, flowName: string, args: string) {
    const current = this.flows.get(stored.flow)!;
    const next = this.flows.get(flowName)?.title ?? flowName;
    const policy = await loadPolicy(bot.deps.db, bot.orgId);
    await this.save(bot, key, { ...stored, pendingSwitch: `${flowName}${SWITCH_SEPARATOR}${args}`, lastEventId: bot.row.id }, policy, stored.rev);
    await bot.reply(m.switchAsk(current.title, next));
  }

  private async answerSwitch(bot: BotContext, key: dialogs.DialogKey, stored: Stored, policy: Policy, text: string) {
    const answer = parseYesNo(text);
    const current = this.flows.get(stored.flow)!;
    if (answer === 'yes') {
      const [flowName, args] = stored.pendingSwitch!.split(SWITCH_SEPARATOR) as [string, string];
      await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
      await this.begin(bot, key, policy, flowName, args);
      return true;
    }
    if (answer === 'no') {
      const question = await current.steps[stored.step]!.prompt(this.context(bot, policy, stored.draft));
      await this.save(bot, key, { ...stored, pendingSwitch: undefined, lastEventId: bot.row.id }, policy, stored.rev);
      await bot.reply(`${m.switchKeep(current.title)}\n${question}`);
      return true;
    }
    await this.save(bot, key, { ...stored, lastEventId: bot.row.id }, policy, stored.rev);
    await bot.reply(m.switchUnclear);
    return true;
  }

  private save(bot: BotContext, key: dialogs.DialogKey, state: dialogs.DialogState, policy: Policy, rev: number | undefined) {
    const expiresAt = new Date(bot.deps.clock.now().getTime() + policy.dialogTimeoutMinutes * 60_000);
    return dialogs.saveDialog(bot.deps.db, key, { ...state, expiresAt }, rev);
  }

  private context<D>(bot: BotContext, policy: Policy, draft: D): FlowContext<D> {
    return { bot, now: bot.deps.clock.now(), policy, draft };
  }
}

export function dialogKey(bot: BotContext): dialogs.DialogKey {
  const { event } = bot;
  return {
    orgId: bot.orgId,
    channel: event.channel,
    chatKey: event.chatType === 'group' && event.chatId ? event.chatId : 'single',
    userId: event.senderId,
  };
}
