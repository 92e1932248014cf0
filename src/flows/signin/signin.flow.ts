// 签到 (rule A6): during an activity's sign-in window (default 30 minutes before the start
// until the end) → pick the activity if several are open → the venue's code if it has one →
// attendance recorded with the time. Someone already signed in, or with a pending or approved
// leave (withdraw it first), is told so by the attendance state machine (rules A6, L5).
import type { ActivityView } from '../../repositories/activity-repo.ts';
import { findNextOpeningForPerson, findOpenForSignIn, getActivity } from '../../repositories/activity-repo.ts';
import { attendanceConflict, signIn as recordSignIn } from '../../services/attendance/attendance-service.ts';
import { parseChoice } from '../parse/choice.ts';
import { formatDateTime, formatTime } from '../parse/datetime.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { signInMessages as m } from './messages.ts';

export interface SignInDraft {
  options?: { id: number; label: string }[];
  activityId?: number;
}

type Ctx = Omit<FlowContext<SignInDraft>, 'draft'>;

export const signInFlow: Flow<SignInDraft> = {
  name: 'signin',
  version: 1,
  title: '签到',
  async begin(fc) {
    const { db } = fc.bot.deps;
    const person = fc.bot.actor;
    const open = await findOpenForSignIn(db, person.orgId, person.id, fc.now);
    if (open.length === 1) return chooseActivity(fc, open[0]!);
    if (open.length > 1) {
      const options = open.map((a) => ({ id: a.id, label: `${formatDateTime(a.startAt)} ${a.title}` }));
      return { kind: 'next', step: 'pick', draft: { options } };
    }
    const next = await findNextOpeningForPerson(db, person.orgId, person.id, fc.now);
    return { kind: 'done', say: next ? m.opensAt(next.title, formatDateTime(next.opensAt), next.signInOpensBefore) : m.nothingOpen };
  },
  steps: {
    pick: {
      help: m.pickHelp,
      prompt: (fc) => m.pick(fc.draft.options!.map((o, i) => `${i + 1}. ${o.label}`).join('\n')),
      async handle(input, fc) {
        const options = fc.draft.options!;
        const index = parseChoice(input.text, options.length);
        if (index === undefined) return { kind: 'invalid', message: m.badChoice(options.length) };
        const activity = await getActivity(fc.bot.deps.db, fc.bot.orgId, options[index - 1]!.id);
        return activity ? chooseActivity(fc, activity) : { kind: 'done', say: m.nothingOpen };
      },
    },
    code: {
      help: m.codeHelp,
      // The code proves presence at the venue: typed into a group, it would let absent members
      // sign in too, so it is asked and answered in private chat.
      personal: true,
      prompt: async (fc) => m.askCode((await getActivity(fc.bot.deps.db, fc.bot.orgId, fc.draft.activityId!))?.title ?? ''),
      async handle(input, fc) {
        const activity = await getActivity(fc.bot.deps.db, fc.bot.orgId, fc.draft.activityId!);
        // The window may have closed while the code was being looked up (rule A6).
        if (!activity || activity.status !== 'scheduled' || activity.endAt < fc.now) return { kind: 'done', say: m.nothingOpen };
        if (input.text.replace(/\s/g, '').toLowerCase() !== (activity.signInCode ?? '').toLowerCase()) {
          return { kind: 'invalid', message: m.wrongCode };
        }
        return signIn(fc, activity);
      },
    },
  },
};

async function chooseActivity(fc: Ctx, activity: ActivityView): Promise<StepResult<SignInDraft>> {
  // Said before the code is asked for: no point looking it up to be refused.
  const conflict = await attendanceConflict(fc.bot.deps.db, activity, fc.bot.actor.id, 'sign_in');
  if (conflict) return { kind: 'done', say: conflict };
  if (activity.signInCode) return { kind: 'next', step: 'code', draft: { activityId: activity.id } };
  return signIn(fc, activity);
}

async function signIn(fc: Ctx, activity: ActivityView): Promise<StepResult<SignInDraft>> {
  const result = await recordSignIn(fc.bot.deps.db, { orgId: fc.bot.orgId, activity, personId: fc.bot.actor.id, at: fc.now });
  return { kind: 'done', say: result.ok ? m.signedIn(activity.title, formatTime(result.signedInAt)) : result.message };
}
