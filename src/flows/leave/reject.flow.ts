// 驳回 on the approval card (rule L1): asks the approver for a short reason in private chat,
// then records the rejection with it. The first decision still wins: someone may have
// approved meanwhile, and the approver is then told who did.
import { hasMeaningfulText } from '../../lib/text.ts';
import { checkLeaveDecision, decideLeave } from '../../services/leave-service.ts';
import { flowMessages } from '../messages.ts';
import type { Flow } from '../types.ts';
import { announceDecision, clickCodeOf, decisionReply } from './decision.ts';
import { leaveMessages as m } from './messages.ts';

export interface RejectDraft {
  leaveId: number;
  requesterName: string;
  activityTitle: string;
  /** The code of the 驳回 click: settles the clicker's card if the send's code is unknown. */
  clickCode?: string;
}

const NOTE_MIN = 2;
const NOTE_MAX = 100;
const NO_REASON = new Set(['无', '没有', '不说明', '无理由']);

export const rejectLeaveFlow: Flow<RejectDraft> = {
  name: 'leave-reject',
  version: 1,
  title: '驳回请假',
  async begin(fc, args) {
    const leaveId = Number(args);
    const check = await checkLeaveDecision(fc.bot.deps, fc.bot.actor, leaveId);
    if (check.kind !== 'open') return { kind: 'done', say: await decisionReply(fc.bot, leaveId, check) };
    const draft: RejectDraft = { leaveId, requesterName: check.requesterName, activityTitle: check.activityTitle, clickCode: clickCodeOf(fc.bot) };
    return { kind: 'next', step: 'reason', draft };
  },
  steps: {
    reason: {
      help: m.rejectReasonHelp,
      personal: true, // the reason is about a person's request
      prompt: (fc) => m.askRejectReason(fc.draft.requesterName, fc.draft.activityTitle),
      async handle(input, fc) {
        const none = NO_REASON.has(input.text);
        const note = none ? undefined : input.raw;
        const length = [...(note ?? '')].length;
        if (note !== undefined && length < NOTE_MIN) return { kind: 'invalid', message: m.rejectReasonTooShort };
        if (length > NOTE_MAX) return { kind: 'invalid', message: m.rejectReasonTooLong };
        if (note !== undefined && !hasMeaningfulText(note)) return { kind: 'invalid', message: flowMessages.needsWords('驳回理由（不说明理由请回复“无”）', m.rejectReasonExample) };
        const { leaveId, clickCode } = fc.draft;
        const result = await decideLeave(fc.bot.deps, fc.bot.actor, leaveId, 'rejected', note);
        if (result.kind === 'decided') await announceDecision(fc.bot, leaveId, result, { note, clickCode });
        return { kind: 'done', say: await decisionReply(fc.bot, leaveId, result) };
      },
    },
  },
};
