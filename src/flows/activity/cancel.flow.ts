// 取消活动: pick → confirm → cancelActivity, which drops pending notices and tells everyone
// already notified (rule A4); the publisher hears how many were told.
import { cancelActivity } from '../../services/activity-service.ts';
import { parseYesNo } from '../parse/choice.ts';
import { formatDateTime } from '../parse/datetime.ts';
import type { Flow } from '../types.ts';
import { activityFlowMessages as m } from './messages.ts';
import { beginPick, manageableActivity, pickStep, type PickDraft } from './pick.ts';

const VERB = '取消';
const toConfirm = async (_fc: unknown, activityId: number) =>
  ({ kind: 'next', step: 'confirm', draft: { activityId } }) as const;

export const cancelFlow: Flow<PickDraft> = {
  name: 'activity-cancel',
  version: 1,
  title: '取消活动',
  begin: (fc, args) => beginPick(fc, args, VERB, toConfirm),
  steps: {
    pick: pickStep(VERB, toConfirm),
    confirm: {
      help: m.confirmHelp(VERB),
      async prompt(fc) {
        const a = await manageableActivity(fc.bot, fc.now, fc.draft.activityId);
        return a ? m.summary(m.cancelSummary(a.title, formatDateTime(a.startAt), a.unit.name), VERB) : m.noneUpcoming(VERB);
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo(VERB) };
        if (answer === 'no') return { kind: 'done', say: m.notDone(VERB) };
        const activity = await manageableActivity(fc.bot, fc.now, fc.draft.activityId);
        if (!activity) return { kind: 'done', say: m.noneUpcoming(VERB) };
        const result = await cancelActivity(fc.bot.deps.db, { orgId: fc.bot.orgId, id: activity.id, now: fc.now });
        return { kind: 'done', say: result.ok ? m.cancelled(activity.title, result.told) : m.failed(result.message) };
      },
    },
  },
};
