// 退回 2026-建-0007 [理由] (rule S1: the office checks a suggestion before assigning it): with
// the reason on the same line it is done at once; otherwise the reason is asked for.
import { returnSuggestion } from '../../services/suggestions/review-service.ts';
import { checkStep } from '../../services/suggestions/step.ts';
import type { Flow } from '../types.ts';
import { actingOf, depsOf, numberArg } from './glue.ts';
import { officeMessages as m } from './messages.ts';

export interface ReturnDraft {
  number: string;
}

export const suggestionReturnFlow: Flow<ReturnDraft> = {
  name: 'suggestion-return',
  version: 1,
  title: '退回建议',
  async begin(fc, args) {
    const n = numberArg(args, '退回 2026-建-0007 理由');
    if (!n.ok) return { kind: 'done', say: n.message };
    const deps = depsOf(fc.bot);
    if (n.rest) return { kind: 'done', say: (await returnSuggestion(deps, actingOf(fc.bot), fc.bot.orgId, n.number, n.rest)).message };
    const check = await checkStep(deps, actingOf(fc.bot), fc.bot.orgId, n.number, 'return');
    if (!check.ok) return { kind: 'done', say: check.message };
    return { kind: 'next', step: 'reason', draft: { number: n.number } };
  },
  steps: {
    reason: {
      help: m.returnReasonHelp,
      prompt: (fc) => m.askReturnReason(fc.draft.number),
      async handle(input, fc) {
        const outcome = await returnSuggestion(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, fc.draft.number, input.raw);
        return outcome.ok ? { kind: 'done', say: outcome.message } : { kind: 'invalid', message: outcome.message };
      },
    },
  },
};
