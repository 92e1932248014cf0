// 撤回议案 (rule S5): the starter picks one of their open motions and confirms.
import { openMotionsOf, withdrawMotion } from '../../services/suggestions/motion-service.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import type { Flow } from '../types.ts';
import { actingOf, depsOf } from '../suggestion-office/glue.ts';
import { motionFlowMessages as m } from './messages.ts';

export interface WithdrawDraft {
  options: { id: number; title: string }[];
  pick?: number;
}

export const withdrawMotionFlow: Flow<WithdrawDraft> = {
  name: 'motion-withdraw',
  version: 1,
  title: '撤回议案',
  async begin(fc) {
    const options = await openMotionsOf(depsOf(fc.bot), fc.bot.orgId, fc.bot.actor.id);
    if (options.length === 0) return { kind: 'done', say: m.noneToWithdraw };
    if (options.length === 1) return { kind: 'next', step: 'confirm', draft: { options, pick: 0 } };
    return { kind: 'next', step: 'pick', draft: { options } };
  },
  steps: {
    pick: {
      help: m.pickHelp,
      prompt: (fc) => m.pickWithdraw(fc.draft.options.map((o) => o.title)),
      async handle(input, fc) {
        const n = parseChoice(input.text, fc.draft.options.length);
        return n ? { kind: 'next', step: 'confirm', draft: { ...fc.draft, pick: n - 1 } } : { kind: 'invalid', message: m.badPick(fc.draft.options.length) };
      },
    },
    confirm: {
      help: m.confirmHelp,
      prompt: (fc) => m.confirmWithdraw(fc.draft.options[fc.draft.pick!]!.title),
      async handle(input, fc) {
        const yes = parseYesNo(input.text);
        if (yes === undefined) return { kind: 'invalid', message: m.yesNo };
        if (yes === 'no') return { kind: 'done', say: m.notWithdrawn };
        const outcome = await withdrawMotion(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, fc.draft.options[fc.draft.pick!]!.id);
        return { kind: 'done', say: outcome.message };
      },
    },
  },
};
