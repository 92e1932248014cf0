// 延期 2026-建-0007 (rule S1): the lead department's handler asks (new date, reason) and the
// office is told; office staff approve a pending request with 是 (否 declines it), or grant
// an extension they were asked for by other means (new date, reason). The service enforces
// one extension of at most a month.
import { checkExtensionDate, declineExtension, extendSuggestion, extensionContext } from '../../services/suggestions/handling-service.ts';
import { dayText } from '../../services/suggestions/messages.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { flowMessages } from '../messages.ts';
import { parseYesNo } from '../parse/choice.ts';
import type { Flow } from '../types.ts';
import { readDay } from './day.ts';
import { actingOf, depsOf, numberArg } from './glue.ts';
import { officeMessages as m } from './messages.ts';

export interface ExtendDraft {
  number: string;
  current: string | null;
  pending?: { department: string; until: string; reason: string };
  until?: string;
}

export const suggestionExtendFlow: Flow<ExtendDraft> = {
  name: 'suggestion-extend',
  version: 1,
  title: '建议延期',
  async begin(fc, args) {
    const n = numberArg(args, '延期 2026-建-0007');
    if (!n.ok) return { kind: 'done', say: n.message };
    const c = await extensionContext(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, n.number);
    if (!c.ok) return { kind: 'done', say: c.message };
    if (c.mode === 'pending') return { kind: 'next', step: 'approve', draft: { number: n.number, current: null, pending: c } };
    return { kind: 'next', step: 'until', draft: { number: n.number, current: c.current } };
  },
  steps: {
    approve: {
      help: m.confirmHelp,
      prompt: (fc) => m.confirmPending(fc.draft.number, fc.draft.pending!.department, dayText(fc.draft.pending!.until), fc.draft.pending!.reason),
      async handle(input, fc) {
        const yes = parseYesNo(input.text);
        if (yes === undefined) return { kind: 'invalid', message: m.yesNo };
        const deps = depsOf(fc.bot);
        const outcome = yes === 'yes'
          ? await extendSuggestion(deps, actingOf(fc.bot), fc.bot.orgId, fc.draft.number, {})
          : await declineExtension(deps, actingOf(fc.bot), fc.bot.orgId, fc.draft.number);
        return { kind: 'done', say: outcome.message };
      },
    },
    until: {
      help: m.untilHelp,
      prompt: (fc) => m.askUntil(fc.draft.number, dayText(fc.draft.current)),
      async handle(input, fc) {
        const until = readDay(input.text, fc.now, true);
        if (!until) return { kind: 'invalid', message: m.badDay };
        const check = await checkExtensionDate(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, fc.draft.number, until);
        return check.ok ? { kind: 'next', step: 'reason', draft: { ...fc.draft, until } } : { kind: 'invalid', message: check.message };
      },
    },
    reason: {
      help: m.reasonHelp,
      prompt: () => m.askReason,
      async handle(input, fc) {
        const length = [...input.raw].length;
        if (length < 2 || length > 200) return { kind: 'invalid', message: m.askReason };
        if (!hasMeaningfulText(input.raw)) return { kind: 'invalid', message: flowMessages.needsWords('延期理由', m.extendReasonExample) };
        const outcome = await extendSuggestion(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, fc.draft.number, { until: fc.draft.until, reason: input.raw });
        return { kind: 'done', say: outcome.message };
      },
    },
  },
};
