// 答复 2026-建-0007 (rules S1, S3): the lead department's handler, or office staff for it,
// record the answer — its form, then the text over one or more messages with photos or files
// of the written answer, then a confirmation. The service tells the deputy and sends the
// rating card.
import { ANSWER_FORMS } from '../../domain/suggestions/lifecycle.ts';
import { ANSWER_TEXT_MAX, ANSWER_TEXT_MIN, answerSuggestion, answerText, answerTextOk } from '../../services/suggestions/answer-service.ts';
import { checkStep } from '../../services/suggestions/step.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import type { Flow, FlowInput, StepResult } from '../types.ts';
import { actingOf, depsOf, numberArg } from './glue.ts';
import { officeMessages as m } from './messages.ts';

export interface AnswerDraft {
  number: string;
  form?: string;
  text: string;
  attachments: string[];
}

const DONE_WORDS = new Set(['完成', '好了', '发完了', '就这些']);
const MEDIA = new Set(['image', 'file']);

export const suggestionAnswerFlow: Flow<AnswerDraft> = {
  name: 'suggestion-answer',
  version: 1,
  title: '登记建议答复',
  async begin(fc, args) {
    const n = numberArg(args, '答复 2026-建-0007');
    if (!n.ok) return { kind: 'done', say: n.message };
    const check = await checkStep(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, n.number, 'answer');
    if (!check.ok) return { kind: 'done', say: check.message };
    return { kind: 'next', step: 'form', draft: { number: n.number, text: '', attachments: [] } };
  },
  steps: {
    form: {
      help: m.formHelp,
      prompt: (fc) => m.askForm(fc.draft.number),
      async handle(input, fc) {
        const n = parseChoice(input.text, ANSWER_FORMS.length);
        const form = n ? ANSWER_FORMS[n - 1] : ANSWER_FORMS.find((f) => input.text === f || input.text === `${f}答复`);
        return form ? { kind: 'next', step: 'content', draft: { ...fc.draft, form } } : { kind: 'invalid', message: m.badForm };
      },
    },
    content: {
      help: m.answerHelp,
      prompt: () => m.askAnswer,
      handle: async (input, fc) => collect(input, fc.draft),
    },
    confirm: {
      help: m.confirmHelp,
      prompt: (fc) => m.confirmAnswer(fc.draft.number, fc.draft.form!, fc.draft.text || answerText.attachedOnly, fc.draft.attachments.length),
      async handle(input, fc) {
        const yes = parseYesNo(input.text);
        if (yes === undefined) return { kind: 'invalid', message: m.yesNo };
        if (yes === 'no') return { kind: 'done', say: m.notSaved };
        const d = fc.draft;
        const outcome = await answerSuggestion(depsOf(fc.bot), actingOf(fc.bot), fc.bot.orgId, d.number, { form: d.form!, text: d.text, attachments: d.attachments });
        return { kind: 'done', say: outcome.message };
      },
    },
  },
};

function collect(input: FlowInput, draft: AnswerDraft): StepResult<AnswerDraft> {
  if (MEDIA.has(input.msgType) && input.mediaRef) {
    const next = { ...draft, attachments: [...draft.attachments, input.mediaRef] };
    return { kind: 'stay', draft: next, say: m.answerAdded([...next.text].length, next.attachments.length) };
  }
  if (DONE_WORDS.has(input.text)) {
    if (!answerTextOk(draft.text, draft.attachments.length)) return { kind: 'invalid', message: m.answerTooShort(ANSWER_TEXT_MIN) };
    return { kind: 'next', step: 'confirm', draft };
  }
  if (!input.raw) return { kind: 'invalid', message: m.askAnswer };
  const text = draft.text ? `${draft.text}\n${input.raw}` : input.raw;
  if ([...text].length > ANSWER_TEXT_MAX) return { kind: 'invalid', message: m.answerTooLong(ANSWER_TEXT_MAX) };
  return { kind: 'stay', draft: { ...draft, text }, say: m.answerAdded([...text].length, draft.attachments.length) };
}
