// 面商 2026-建-0007 (rule S2): whoever handles the suggestion records the face-to-face talk
// with the deputy — the day, the place, who took part.
import { recordTalk, talkLimits, talkText } from '../../services/suggestions/handling-service.ts';
import { checkStep } from '../../services/suggestions/step.ts';
import { shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import type { Flow } from '../types.ts';
import { readDay } from './day.ts';
import { actingOf, depsOf, numberArg } from './glue.ts';
import { officeMessages as m } from './messages.ts';

export interface TalkDraft {
  number: string;
  heldOn?: string;
  place?: string;
}

const within = (text: string, [min, max]: readonly [number, number]) => [...text].length >= min && [...text].length <= max;

export const suggestionTalkFlow: Flow<TalkDraft> = {
  name: 'suggestion-talk',
  version: 1,
  title: '登记面商',
  async begin(fc, args) {
    const n = numberArg(args, '面商 2026-建-0007');
    if (!n.ok) return { kind: 'done', say: n.message };
    const check = await checkStep(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, n.number, 'talk');
    if (!check.ok) return { kind: 'done', say: check.message };
    return { kind: 'next', step: 'day', draft: { number: n.number } };
  },
  steps: {
    day: {
      help: m.talkDayHelp,
      prompt: (fc) => m.askTalkDay(fc.draft.number),
      async handle(input, fc) {
        const day = readDay(input.text, fc.now, false);
        if (!day) return { kind: 'invalid', message: m.badDay };
        if (day > shanghaiIsoDate(fc.now)) return { kind: 'invalid', message: talkText.future };
        return { kind: 'next', step: 'place', draft: { ...fc.draft, heldOn: day } };
      },
    },
    place: {
      help: m.placeHelp,
      prompt: () => m.askPlace,
      async handle(input, fc) {
        if (!within(input.raw, talkLimits.place)) return { kind: 'invalid', message: talkText.place };
        return { kind: 'next', step: 'participants', draft: { ...fc.draft, place: input.raw } };
      },
    },
    participants: {
      help: m.participantsHelp,
      prompt: () => m.askParticipants,
      async handle(input, fc) {
        if (!within(input.raw, talkLimits.participants)) return { kind: 'invalid', message: talkText.participants };
        const d = fc.draft;
        const outcome = await recordTalk(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, d.number, { heldOn: d.heldOn!, place: d.place!, participants: input.raw });
        return { kind: 'done', say: outcome.message };
      },
    },
  },
};
