// 提议案 (rule S5): title → reason (案由) → proposal (方案) → whom to invite (names, or 本组) →
// confirm; the service sends each invitee a co-sign card and submits the motion once enough
// deputies have signed.
import { resolveInvitees, startMotion } from '../../services/suggestions/motion-service.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { flowMessages } from '../messages.ts';
import { parseYesNo } from '../parse/choice.ts';
import type { Flow } from '../types.ts';
import { actingOf, depsOf } from '../suggestion-office/glue.ts';
import { motionFlowMessages as m } from './messages.ts';

export interface MotionDraft {
  title?: string;
  reason?: string;
  proposal?: string;
  invitees?: { id: number; name: string }[];
}

const between = (text: string, min: number, max: number) => [...text].length >= min && [...text].length <= max;
/** Why a free text is not usable (says nothing, or the wrong length), or undefined. */
const problem = (raw: string, min: number, max: number, length: string, what: string, example: string) =>
  !between(raw, min, max) ? length : hasMeaningfulText(raw) ? undefined : flowMessages.needsWords(what, example);

type TextField = 'title' | 'reason' | 'proposal';
type MotionStep = Flow<MotionDraft>['steps'][string];

/** A step that takes one free text of the motion: its length, and that it says something. */
function textStep(o: { field: TextField; next: string; min: number; max: number; what: string; help: string; ask: string; length: string; example: string }): MotionStep {
  return {
    help: o.help,
    label: m.labels[o.field],
    prompt: () => o.ask,
    async handle(input, fc) {
      const why = problem(input.raw, o.min, o.max, o.length, o.what, o.example);
      return why ? { kind: 'invalid', message: why } : { kind: 'next', step: o.next, draft: { ...fc.draft, [o.field]: input.raw } };
    },
  };
}

export const motionFlow: Flow<MotionDraft> = {
  name: 'motion',
  version: 1,
  title: '提议案',
  async begin() {
    return { kind: 'next', step: 'title', draft: {} };
  },
  steps: {
    title: textStep({ field: 'title', next: 'reason', min: 4, max: 40, what: '议案标题', help: m.titleHelp, ask: m.askTitle, length: m.titleLength, example: m.titleExample }),
    reason: textStep({ field: 'reason', next: 'proposal', min: 10, max: 1000, what: '案由', help: m.reasonHelp, ask: m.askReason, length: m.reasonLength, example: m.reasonExample }),
    proposal: textStep({ field: 'proposal', next: 'invitees', min: 10, max: 3000, what: '解决方案', help: m.proposalHelp, ask: m.askProposal, length: m.proposalLength, example: m.proposalExample }),
    invitees: {
      help: m.inviteesHelp,
      label: m.labels.invitees,
      prompt: (fc) => m.askInvitees(fc.policy.motionMinSigners),
      async handle(input, fc) {
        const found = await resolveInvitees(depsOf(fc.bot), fc.bot.orgId, fc.bot.actor.id, input.raw);
        if (!found.ok) return { kind: 'invalid', message: found.message };
        return { kind: 'next', step: 'confirm', draft: { ...fc.draft, invitees: found.people } };
      },
    },
    confirm: {
      help: m.confirmHelp,
      prompt: (fc) => m.summary(fc.draft.title!, fc.draft.invitees!.map((p) => p.name), fc.policy.motionMinSigners),
      async handle(input, fc) {
        const yes = parseYesNo(input.text);
        if (yes === undefined) return { kind: 'invalid', message: m.yesNo };
        if (yes === 'no') return { kind: 'done', say: m.notSent };
        const d = fc.draft;
        const outcome = await startMotion(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, {
          title: d.title!, reason: d.reason!, proposal: d.proposal!, inviteeIds: d.invitees!.map((p) => p.id),
        });
        return outcome.ok ? { kind: 'done', say: outcome.message } : { kind: 'next', step: 'invitees', draft: d, say: outcome.message };
      },
    },
  },
};
