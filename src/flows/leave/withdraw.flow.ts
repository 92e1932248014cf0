// 撤回请假 (rules L2, L5, A6): a deputy whose leave is pending or approved comes after all.
// Pick the activity if there are several → confirm → withdrawLeave, which records them as
// attending, gives the leave back (L2) and tells the approvers. The 撤回请假 button of a
// notice or change card starts here with its activity.
import { findLeaveFor, findWithdrawable } from '../../repositories/leave-repo.ts';
import { getActivity } from '../../repositories/activity-repo.ts';
import { attendanceConflict } from '../../services/attendance/attendance-service.ts';
import { withdrawLeave } from '../../services/leave-service.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import { formatDateTime } from '../parse/datetime.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { leaveMessages as m } from './messages.ts';

export interface WithdrawDraft {
  options?: { id: number; label: string }[];
  activityId?: number;
}

type Begin = Omit<FlowContext<WithdrawDraft>, 'draft'>;

export const withdrawLeaveFlow: Flow<WithdrawDraft> = {
  name: 'leave-withdraw',
  version: 1,
  title: '撤回请假',
  async begin(fc, args) {
    const requested = Number(args);
    if (Number.isInteger(requested) && requested > 0) return chooseActivity(fc, requested);
    const open = await findWithdrawable(fc.bot.deps.db, fc.bot.orgId, fc.bot.actor.id, fc.now);
    if (open.length === 0) return { kind: 'done', say: m.withdrawNone };
    if (open.length === 1) return chooseActivity(fc, open[0]!.activityId);
    const options = open.map((l) => ({ id: l.activityId, label: `${formatDateTime(l.activity.startAt)} ${l.activity.title}（${m.status[l.status]}）` }));
    return { kind: 'next', step: 'pick', draft: { options } };
  },
  steps: {
    pick: {
      help: m.pickHelp,
      prompt: (fc) => m.withdrawPick(fc.draft.options!.map((o, i) => `${i + 1}. ${o.label}`).join('\n')),
      async handle(input, fc) {
        const options = fc.draft.options!;
        const index = parseChoice(input.text, options.length);
        if (index === undefined) return { kind: 'invalid', message: m.badChoice(options.length) };
        return chooseActivity(fc, options[index - 1]!.id);
      },
    },
    confirm: {
      help: m.withdrawConfirmHelp,
      async prompt(fc) {
        const activity = await getActivity(fc.bot.deps.db, fc.bot.orgId, fc.draft.activityId!);
        const leave = await findLeaveFor(fc.bot.deps.db, fc.draft.activityId!, fc.bot.actor.id);
        return m.withdrawConfirm(activity?.title ?? '', activity ? formatDateTime(activity.startAt) : '', m.status[leave?.status ?? ''] ?? '');
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.withdrawYesNo };
        if (answer === 'no') return { kind: 'done', say: m.withdrawKept };
        const result = await withdrawLeave(fc.bot.deps, fc.bot.actor, fc.draft.activityId!, fc.bot.event.channel);
        return { kind: 'done', say: result.ok ? m.withdrawn(result.activityTitle, result.counts, result.remaining) : result.message };
      },
    },
  },
};

/** The confirmation for this activity, or the sentence saying why there is nothing to withdraw. */
async function chooseActivity(fc: Begin, activityId: number): Promise<StepResult<WithdrawDraft>> {
  const activity = await getActivity(fc.bot.deps.db, fc.bot.orgId, activityId);
  if (!activity || activity.status !== 'scheduled' || activity.endAt <= fc.now) return { kind: 'done', say: m.withdrawNone };
  const conflict = await attendanceConflict(fc.bot.deps.db, activity, fc.bot.actor.id, 'withdraw_leave');
  if (conflict) return { kind: 'done', say: conflict };
  return { kind: 'next', step: 'confirm', draft: { activityId } };
}
