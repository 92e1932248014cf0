// 提建议 (rules S4, R6): kind → title → content over several messages until 完成 (images kept
// as references) → optionally on whose behalf (a constituent: name and phone, asked and shown
// only in private chat) → summary → confirm → a registration number like 2026-建-0007, and the
// suggestion starts its way through the office (services/suggestions).
import { parseSuggestionKind, SUGGESTION_KINDS, type SuggestionKind } from '../../domain/suggestion-rules.ts';
import { dayText } from '../../services/suggestions/messages.ts';
import { submitSuggestion } from '../../services/suggestions/submit-service.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { flowMessages } from '../messages.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import type { Flow, FlowContext, FlowInput, StepResult } from '../types.ts';
import { depsOf } from '../suggestion-office/glue.ts';
import { suggestionMessages as m } from './messages.ts';

export interface SuggestionDraft {
  kind?: SuggestionKind;
  title?: string;
  content: string;
  attachments: string[];
  behalfName?: string;
  behalfPhone?: string;
}

type Ctx = FlowContext<SuggestionDraft>;
const CONTENT_MIN = 10;
const CONTENT_MAX = 5000;
const DONE_WORDS = new Set(['完成', '写完了', '好了', '就这些', '结束输入']);

export const suggestionFlow: Flow<SuggestionDraft> = {
  name: 'suggestion',
  version: 1,
  title: '提建议',
  async begin() {
    return { kind: 'next', step: 'kind', draft: { content: '', attachments: [] } };
  },
  steps: {
    kind: {
      help: m.kindHelp,
      label: m.labels.kind,
      prompt: () => m.askKind,
      async handle(input, fc) {
        const byNumber = parseChoice(input.text, SUGGESTION_KINDS.length);
        const kind = byNumber ? SUGGESTION_KINDS[byNumber - 1] : parseSuggestionKind(input.text);
        return kind ? { kind: 'next', step: 'title', draft: { ...fc.draft, kind } } : { kind: 'invalid', message: m.badKind };
      },
    },
    title: {
      help: m.titleHelp,
      label: m.labels.title,
      prompt: (fc) => m.askTitle(fc.draft.kind!),
      async handle(input, fc) {
        const length = [...input.raw].length;
        if (length < 2 || length > 40) return { kind: 'invalid', message: m.titleLength };
        if (!hasMeaningfulText(input.raw)) return { kind: 'invalid', message: flowMessages.needsWords('标题', m.titleExample) };
        return { kind: 'next', step: 'content', draft: { ...fc.draft, title: input.raw } };
      },
    },
    content: {
      help: m.contentHelp,
      label: m.labels.content,
      prompt: () => m.askContent,
      handle: async (input, fc) => collectContent(input, fc),
    },
    behalf: {
      help: m.behalfHelp,
      label: m.labels.behalf,
      prompt: () => m.askBehalf,
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === 'yes') return { kind: 'next', step: 'behalfName', draft: fc.draft };
        if (answer === 'no') return { kind: 'next', step: 'confirm', draft: { ...fc.draft, behalfName: undefined, behalfPhone: undefined } };
        return { kind: 'invalid', message: m.yesNo };
      },
    },
    behalfName: {
      help: m.behalfNameHelp,
      label: m.labels.behalfName,
      personal: true, // rule R6: a constituent's identity never appears in a group chat
      prompt: () => m.askBehalfName,
      async handle(input, fc) {
        const length = [...input.raw].length;
        if (length < 2 || length > 20) return { kind: 'invalid', message: m.behalfNameLength };
        return { kind: 'next', step: 'behalfPhone', draft: { ...fc.draft, behalfName: input.raw } };
      },
    },
    behalfPhone: {
      help: m.behalfPhoneHelp,
      label: m.labels.behalfPhone,
      personal: true,
      prompt: () => m.askBehalfPhone,
      async handle(input, fc) {
        const phone = input.text.replace(/[\s-]/g, '');
        if (['无', '没有', '不知道'].includes(phone)) return { kind: 'next', step: 'confirm', draft: { ...fc.draft, behalfPhone: undefined } };
        if (!/^(1[3-9]\d{9}|0\d{9,11})$/.test(phone)) return { kind: 'invalid', message: m.badPhone };
        return { kind: 'next', step: 'confirm', draft: { ...fc.draft, behalfPhone: phone } };
      },
    },
    confirm: {
      help: m.confirmHelp,
      // The summary repeats the title and content (and a constituent's name when there is
      // one): private chat only.
      echoes: true,
      prompt: (fc) => {
        const d = fc.draft;
        const behalf = d.behalfName ? `${d.behalfName}${d.behalfPhone ? ` ${d.behalfPhone}` : ''}` : undefined;
        return m.summary({ kind: d.kind!, title: d.title!, content: d.content, images: d.attachments.length, behalf });
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'done', say: m.notSubmitted };
        return submit(fc);
      },
    },
  },
};

async function collectContent(input: FlowInput, fc: Ctx): Promise<StepResult<SuggestionDraft>> {
  const draft = fc.draft;
  if (input.msgType === 'image' && input.mediaRef) {
    const next = { ...draft, attachments: [...draft.attachments, input.mediaRef] };
    return { kind: 'stay', draft: next, say: m.contentAdded([...next.content].length, next.attachments.length) };
  }
  if (DONE_WORDS.has(input.text)) {
    if ([...draft.content].length < CONTENT_MIN) return { kind: 'invalid', message: m.contentTooShort(CONTENT_MIN) };
    return { kind: 'next', step: 'behalf', draft };
  }
  if (!input.raw) return { kind: 'invalid', message: m.askContent };
  if (!hasMeaningfulText(input.raw)) return { kind: 'invalid', message: flowMessages.needsWords('具体内容（这一条没有收下）', m.contentExample) };
  const content = draft.content ? `${draft.content}\n${input.raw}` : input.raw;
  if ([...content].length > CONTENT_MAX) return { kind: 'invalid', message: m.contentTooLong(CONTENT_MAX) };
  return { kind: 'stay', draft: { ...draft, content }, say: m.contentAdded([...content].length, draft.attachments.length) };
}

async function submit(fc: Ctx): Promise<StepResult<SuggestionDraft>> {
  const d = fc.draft;
  const created = await submitSuggestion(depsOf(fc.bot), {
    orgId: fc.bot.orgId,
    personId: fc.bot.actor.id,
    kind: d.kind!,
    title: d.title!,
    content: d.content,
    attachments: d.attachments,
    behalfName: d.behalfName,
    behalfPhone: d.behalfPhone,
    sourceKey: `event:${fc.bot.row.channel}:${fc.bot.row.id}`,
  });
  return { kind: 'done', say: m.submitted(d.kind!, created.number, dayText(created.assignDeadline)) };
}
