// Kept drafts: a dialog that stops for any reason but 取消 — answers not understood after the
// step was asked again, idle past the timeout, another command started — is set aside with
// what the person typed, for policy.keptDraftHours. The person is told at once what was kept
// and until when; 帮助 lists what is kept; 继续 (or the same command again) resumes it at the
// step where it stopped, in the chat it ran in (a private one only privately); 取消 with no
// dialog open discards it.
import type { BotContext } from '../bot/context.ts';
import type { Policy } from '../domain/policy.ts';
import { formatDateTime } from '../domain/shanghai-time.ts';
import * as dialogs from '../repositories/dialog-repo.ts';
import { dialogKey } from './dialog-key.ts';
import { flowMessages as m } from './messages.ts';
import type { AnyFlow } from './types.ts';

type Enter = (
  bot: BotContext, key: dialogs.DialogKey, policy: Policy, flow: AnyFlow, state: dialogs.DialogState,
  options: { say?: string; privately?: boolean },
) => Promise<void>;

export type SetAsideReason = 'invalid' | 'timeout' | 'switch';

/** Whether the person has answered anything yet (a first step alone keeps nothing worth keeping). */
export function typedSomething(state: { history: unknown[] }): boolean {
  return state.history.length > 0;
}

/** What was filled in, by the answered steps' labels: "单位、类型、标题". */
export function filledLabels(flow: AnyFlow, state: { history: { step: string }[] }): string {
  const labels = [...new Set(state.history.map((h) => flow.steps[h.step]?.label).filter((l): l is string => !!l))];
  return m.filledItems(labels, state.history.length);
}

function owner(bot: BotContext): dialogs.DraftOwner {
  const { orgId, channel, userId } = dialogKey(bot);
  return { orgId, channel, userId };
}

export class KeptDrafts {
  constructor(
    private readonly flows: Map<string, AnyFlow>,
    private readonly enter: Enter,
  ) {}

  /** Keeps the dialog's state for 继续, ends the dialog, and tells the person what and until when. */
  async setAside(bot: BotContext, key: dialogs.DialogKey, stored: dialogs.StoredDialog, policy: Policy, why: SetAsideReason): Promise<void> {
    const flow = this.flows.get(stored.flow)!;
    const now = bot.deps.clock.now();
    const until = new Date(now.getTime() + policy.keptDraftHours * 3_600_000);
    // Where it really ran: a dialog moved from a group to private chat stays private.
    await dialogs.keepDraft(bot.deps.db, owner(bot), { ...stored, pendingSwitch: undefined, invalidCount: 0 }, key.chatKey, now, until);
    await dialogs.deleteDialog(bot.deps.db, key, stored.rev);
    const filled = filledLabels(flow, stored);
    const when = formatDateTime(until);
    await bot.reply(why === 'timeout'
      ? m.setAside.timeout(flow.title, filled, when, policy.dialogTimeoutMinutes)
      : m.setAside[why](flow.title, filled, when));
  }

  /** 继续: the latest kept draft, resumed; or one sentence when there is none. */
  async resumeLatest(bot: BotContext): Promise<void> {
    const drafts = await dialogs.listKeptDrafts(bot.deps.db, owner(bot), bot.deps.clock.now());
    if (drafts.length === 0 || !(await this.resume(bot, drafts[0]!, drafts.slice(1)))) await bot.reply(m.nothingToResume);
  }

  /** The flow's kept draft resumed, when there is one (the same command sent again). */
  async resumeFlow(bot: BotContext, policy: Policy, flowName: string): Promise<boolean> {
    const drafts = await dialogs.listKeptDrafts(bot.deps.db, owner(bot), bot.deps.clock.now());
    const kept = drafts.find((d) => d.flow === flowName);
    return kept !== undefined && (await this.resume(bot, kept, [], policy));
  }

  /** 取消 with nothing open: the kept drafts' titles, now discarded. */
  async discard(bot: BotContext): Promise<string[]> {
    const drafts = await dialogs.listKeptDrafts(bot.deps.db, owner(bot), bot.deps.clock.now());
    await dialogs.discardKeptDrafts(bot.deps.db, owner(bot));
    return drafts.map((d) => this.flows.get(d.flow)?.title ?? d.flow);
  }

  /** One line for 帮助 when something is kept. */
  async hint(bot: BotContext): Promise<string | undefined> {
    const drafts = await dialogs.listKeptDrafts(bot.deps.db, owner(bot), bot.deps.clock.now());
    if (drafts.length === 0) return undefined;
    return m.keptHint(drafts.map((d) => m.keptItem(this.flows.get(d.flow)?.title ?? d.flow, formatDateTime(d.keptUntil))));
  }

  /** Takes the draft (once, whatever other workers do) and enters its step again. */
  private async resume(bot: BotContext, kept: dialogs.KeptDraft, others: dialogs.KeptDraft[], policy?: Policy): Promise<boolean> {
    if (!(await dialogs.takeKeptDraft(bot.deps.db, kept.id))) return false;
    const flow = this.flows.get(kept.flow);
    if (!flow || flow.version !== kept.version) {
      await bot.reply(m.outdated(flow?.title ?? kept.flow));
      return true;
    }
    const state: dialogs.DialogState = {
      flow: kept.flow, version: kept.version, step: kept.step, draft: kept.draft, history: kept.history,
      invalidCount: 0, lastEventId: bot.row.id, expiresAt: bot.deps.clock.now(),
    };
    const titles = others.map((d) => this.flows.get(d.flow)?.title ?? d.flow);
    const say = [m.resumed(flow.title, filledLabels(flow, kept)), ...(titles.length ? [m.alsoKept(titles)] : [])].join('\n');
    const key = dialogKey(bot);
    const privately = kept.chatKey === 'single' || kept.chatKey !== key.chatKey;
    await this.enter(bot, key, policy ?? (await bot.policy()), flow, state, { say, privately });
    return true;
  }
}
