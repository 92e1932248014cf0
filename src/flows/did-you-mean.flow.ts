// 您是要「请假」吗？ — asked when a message is almost a command (src/bot/near-miss.ts). One
// question, one answer: 是 runs the command as if typed, 否 ends it, and anything else is taken
// as a new message (the person wrote something else), so the question never traps anyone.
import { parseYesNo } from './parse/choice.ts';
import { flowMessages as m } from './messages.ts';
import type { Flow } from './types.ts';

export interface DidYouMeanDraft {
  /** The command with its arguments, as it would have been typed. */
  command: string;
}

export const didYouMeanFlow: Flow<DidYouMeanDraft> = {
  name: 'did-you-mean',
  version: 1,
  title: '确认命令',
  transient: true,
  async begin(_fc, command) {
    return { kind: 'next', step: 'confirm', draft: { command } };
  },
  steps: {
    confirm: {
      help: '回复“是”执行，或直接发送您要办的事。',
      prompt: (fc) => m.didYouMean(fc.draft.command),
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === 'yes') return { kind: 'reroute', text: fc.draft.command };
        if (answer === 'no') return { kind: 'done', say: m.didYouMeanNo };
        return { kind: 'reroute', text: input.raw };
      },
    },
  },
};
