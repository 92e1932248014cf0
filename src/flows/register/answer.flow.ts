// 答复登记 (rules R5, R6): office staff pick an assigned or forwarded issue, then the answer's
// form, its text and the visitor's satisfaction. 不满意 reopens the issue (back to recorded);
// otherwise it is closed. Personal throughout: the list carries visitors' names.
import { findVisits, VISIT_STATUS } from '../../repositories/assignment-repo.ts';
import { answerVisitAs, ANSWER_TEXT, visitsForOffice } from '../../services/reception/visit-service.ts';
import { parseChoice } from '../parse/choice.ts';
import type { Flow } from '../types.ts';
import { ANSWER_FORMS, assignMessages as m, SATISFACTION } from './assign-messages.ts';

export interface AnswerDraft {
  visitIds: number[];
  visitId?: number;
  form?: string;
  text?: string;
}

const { min: TEXT_MIN, max: TEXT_MAX } = ANSWER_TEXT;

function pickWord<T extends string>(input: { text: string }, words: readonly T[]): T | undefined {
  const n = parseChoice(input.text, words.length);
  if (n) return words[n - 1];
  return words.find((w) => w === input.text);
}

export const answerFlow: Flow<AnswerDraft> = {
  name: 'register-answer',
  version: 1,
  title: '答复登记',
  async begin(fc) {
    const visits = await visitsForOffice(fc.bot.deps.db, fc.bot.orgId, fc.bot.actor, [VISIT_STATUS.assigned, VISIT_STATUS.forwarded]);
    if (!visits) return { kind: 'done', say: m.answerOfficeOnly(fc.policy.supervisingBody) };
    if (visits.length === 0) return { kind: 'done', say: m.nothingToAnswer };
    return { kind: 'next', step: 'visit', draft: { visitIds: visits.map((v) => v.id) } };
  },
  steps: {
    visit: {
      personal: true, // rule R6
      help: m.pickVisitHelp,
      prompt: async (fc) => m.pickAnswered(await findVisits(fc.bot.deps.db, fc.bot.orgId, fc.draft.visitIds)),
      async handle(input, fc) {
        const n = parseChoice(input.text, fc.draft.visitIds.length);
        if (!n) return { kind: 'invalid', message: m.badPick(fc.draft.visitIds.length) };
        return { kind: 'next', step: 'form', draft: { ...fc.draft, visitId: fc.draft.visitIds[n - 1] } };
      },
    },
    form: {
      personal: true,
      help: m.formHelp,
      prompt: () => m.askForm,
      async handle(input, fc) {
        const form = pickWord(input, ANSWER_FORMS);
        return form ? { kind: 'next', step: 'text', draft: { ...fc.draft, form } } : { kind: 'invalid', message: m.badForm };
      },
    },
    text: {
      personal: true,
      help: m.textHelp,
      prompt: () => m.askText,
      async handle(input, fc) {
        const length = [...input.raw].length;
        if (length < TEXT_MIN || length > TEXT_MAX) return { kind: 'invalid', message: m.textLength };
        return { kind: 'next', step: 'satisfaction', draft: { ...fc.draft, text: input.raw } };
      },
    },
    satisfaction: {
      personal: true,
      help: m.satisfactionHelp,
      prompt: () => m.askSatisfaction,
      async handle(input, fc) {
        const satisfaction = pickWord(input, SATISFACTION);
        if (!satisfaction) return { kind: 'invalid', message: m.badSatisfaction };
        const d = fc.draft;
        const result = await answerVisitAs(fc.bot.deps.db, fc.bot.actor, { orgId: fc.bot.orgId, visitId: d.visitId!, form: d.form!, text: d.text!, satisfaction, now: fc.now });
        return { kind: 'done', say: result.message };
      },
    },
  },
};
