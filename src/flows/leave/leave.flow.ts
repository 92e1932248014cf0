// 请假: pick the activity → written reason → summary with this year's count → confirm
// (rules L1 in advance and in writing, L2 at most N a year). The approval card goes to the
// unit's leads; deciding from it is in leave-actions.ts.
import { findUpcomingForPerson, getActivity } from '../../repositories/activity-repo.ts';
import { isInvited } from '../../repositories/leave-repo.ts';
import { leaveApprovers, leaveStanding, submitLeave, type LeaveActivity, type LeaveStanding } from '../../services/leave-service.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { flowMessages } from '../messages.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import { formatDateTime } from '../parse/datetime.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { leaveMessages as m } from './messages.ts';

export interface LeaveDraft {
  /** Offered activities, when the person has to pick one. */
  options?: { id: number; label: string }[];
  activityId?: number;
  reason?: string;
}

type Ctx = FlowContext<LeaveDraft>;

export const leaveFlow: Flow<LeaveDraft> = {
  name: 'leave',
  version: 1,
  title: '请假',
  async begin(fc, args) {
    const person = fc.bot.actor;
    const requested = Number(args);
    if (Number.isInteger(requested) && requested > 0) return chooseActivity(fc, requested);
    const upcoming = await findUpcomingForPerson(fc.bot.deps.db, person.orgId, person.id, fc.now);
    if (upcoming.length === 0) return { kind: 'done', say: m.noActivity };
    // Offer only what can still be asked for; if nothing can, say why for the first one.
    const standings = await Promise.all(upcoming.map((a) => standingFor({ ...fc, draft: {} }, a)));
    const open = upcoming.filter((_, i) => !standings[i]!.refusal && !standings[i]!.conflict);
    if (open.length === 0) {
      // The quota is what the person most needs to hear about (rule L2).
      const i = Math.max(0, standings.findIndex((s) => s.refusal === 'quota_reached'));
      return (await refusalFor({ ...fc, draft: {} }, upcoming[i]!))!;
    }
    if (open.length === 1) return chooseActivity(fc, open[0]!.id);
    const options = open.map((a) => ({ id: a.id, label: `${formatDateTime(a.startAt)} ${a.unit.name}·${a.title}` }));
    return { kind: 'next', step: 'pick', draft: { options } };
  },
  steps: {
    pick: {
      help: m.pickHelp,
      label: m.labels.activity,
      prompt: (fc) => m.pickActivity(fc.draft.options!.map((o, i) => `${i + 1}. ${o.label}`).join('\n')),
      async handle(input, fc) {
        const options = fc.draft.options!;
        const index = parseChoice(input.text, options.length);
        if (index === undefined) return { kind: 'invalid', message: m.badChoice(options.length) };
        return chooseActivity(fc, options[index - 1]!.id, fc.draft);
      },
    },
    reason: {
      help: m.reasonHelp,
      label: m.labels.reason,
      personal: true, // a reason may be about health or family
      prompt: async (fc) => m.askReason((await activityOf(fc))?.title ?? ''),
      async handle(input, fc) {
        const reason = input.raw;
        const length = [...reason].length;
        if (length < fc.policy.leaveReasonMin) return { kind: 'invalid', message: m.reasonTooShort(fc.policy.leaveReasonMin) };
        if (length > fc.policy.leaveReasonMax) return { kind: 'invalid', message: m.reasonTooLong(fc.policy.leaveReasonMax) };
        // Rule L1: a written reason, so one that says nothing (🙏🙏🙏🙏) is asked again.
        if (!hasMeaningfulText(reason)) return { kind: 'invalid', message: flowMessages.needsWords('请假事由', m.reasonExample) };
        return { kind: 'next', step: 'confirm', draft: { ...fc.draft, reason } };
      },
    },
    confirm: {
      help: m.confirmHelp,
      personal: true,
      async prompt(fc) {
        const activity = (await activityOf(fc))!;
        const standing = await standingFor(fc, activity);
        return m.summary({ activity: activity.title, time: formatDateTime(activity.startAt), reason: fc.draft.reason!, used: standing.used, remaining: standing.remaining, counts: standing.counts });
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'done', say: m.notSubmitted };
        const activity = await activityOf(fc);
        // Checked again: time passed and other requests may have been made since the summary.
        const refusal = activity && (await refusalFor(fc, activity));
        if (!activity || refusal) return refusal ?? { kind: 'done', say: m.noActivity };
        const submitted = await submitLeave(fc.bot.deps, fc.bot.actor, activity, fc.draft.reason!, fc.bot.event.channel);
        if (!submitted.ok) return { kind: 'done', say: submitted.message };
        return { kind: 'done', say: m.submitted(submitted.approvers.map((a) => a.person.name).join('、'), fc.policy.supervisingBody) };
      },
    },
  },
};

async function activityOf(fc: Ctx): Promise<LeaveActivity | undefined> {
  if (!fc.draft.activityId) return undefined;
  return getActivity(fc.bot.deps.db, fc.bot.orgId, fc.draft.activityId);
}

async function standingFor(fc: Ctx, activity: LeaveActivity): Promise<LeaveStanding> {
  const invited = await isInvited(fc.bot.deps.db, activity.id, fc.bot.actor.id);
  return leaveStanding(fc.bot.deps, fc.bot.actor, activity, invited, fc.policy);
}

/** The refusal to say for this activity, or undefined when a leave may be requested. */
async function refusalFor(fc: Ctx, activity: LeaveActivity): Promise<StepResult<LeaveDraft> | undefined> {
  const standing = await standingFor(fc, activity);
  // Rules A6, L5: already signed in, asked, on leave or refused: said as the attendance has it.
  if (standing.conflict) return { kind: 'done', say: standing.conflict };
  switch (standing.refusal) {
    case undefined:
      return undefined;
    case 'quota_reached': {
      const contacts = await leaveApprovers(fc.bot.deps, fc.bot.orgId, activity.unit.id, fc.bot.event.channel, fc.bot.actor.id);
      const contact = contacts[0] ? `${activity.unit.name}的${contacts[0].person.name}` : fc.policy.supervisingBody;
      return { kind: 'done', say: m.refusals.quota_reached(standing.used, fc.policy.leavesPerYear, contact) };
    }
    case 'already_requested': {
      const status = standing.existingStatus ?? 'pending';
      return { kind: 'done', say: status === 'withdrawn' ? m.refusals.already_withdrawn : m.refusals.already_requested(m.status[status] ?? '') };
    }
    default:
      return { kind: 'done', say: m.refusals[standing.refusal] };
  }
}

async function chooseActivity(fc: Omit<Ctx, 'draft'>, activityId: number, draft: LeaveDraft = {}): Promise<StepResult<LeaveDraft>> {
  const ctx = { ...fc, draft: { ...draft, activityId } };
  const activity = await activityOf(ctx);
  if (!activity) return { kind: 'done', say: m.noActivity };
  const refusal = await refusalFor(ctx, activity);
  return refusal ?? { kind: 'next', step: 'reason', draft: { activityId } };
}
