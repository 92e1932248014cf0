// 履职记录 (rule P1): a deputy adds to their performance record what the bot cannot see — a
// practical thing done for constituents, a visit, a report-back, help for a household in
// difficulty, other work — with the day, a short account and photos if they like.
import { RECORD_KINDS, RECORD_KIND_CODES, parseRecordKind, type RecordKind } from '../../domain/records/record-kinds.ts';
import { isDeputy } from '../../domain/roles.ts';
import { addRecordEntry, TEXT_LIMITS } from '../../services/records/entry-service.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import { dayLabel, parsePastDate } from '../parse/past-date.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { dateProblems, entryMessages as m } from './messages.ts';

export interface EntryDraft {
  kind?: RecordKind;
  heldOn?: string;
  text?: string;
  photos: string[];
}

type Result = StepResult<EntryDraft>;
const DONE_WORDS = new Set(['完成', '好了', '发完了', '就这些']);
const NONE_WORDS = new Set(['没有', '无', '不需要', '不用', '没有照片']);

export const entryFlow: Flow<EntryDraft> = {
  name: 'record-entry',
  version: 1,
  title: '履职记录',
  async begin(fc) {
    if (!isDeputy(fc.bot.actor)) return { kind: 'done', say: m.notDeputy };
    return { kind: 'next', step: 'kind', draft: { photos: [] } };
  },
  steps: {
    kind: {
      help: m.kindHelp,
      prompt: () => m.askKind,
      async handle(input, fc) {
        const n = parseChoice(input.text, RECORD_KIND_CODES.length);
        const kind = n ? RECORD_KIND_CODES[n - 1] : parseRecordKind(input.text);
        return kind ? { kind: 'next', step: 'date', draft: { ...fc.draft, kind } } : { kind: 'invalid', message: m.badKind };
      },
    },
    date: {
      help: m.dateHelp,
      prompt: () => m.askDate,
      async handle(input, fc) {
        const read = parsePastDate(input.text, fc.now);
        return read.ok ? { kind: 'next', step: 'text', draft: { ...fc.draft, heldOn: read.date } } : { kind: 'invalid', message: dateProblems[read.reason] };
      },
    },
    text: {
      help: m.textHelp,
      prompt: (fc) => m.askText(RECORD_KINDS[fc.draft.kind!]),
      async handle(input, fc) {
        const length = [...input.raw].length;
        if (length < TEXT_LIMITS.min || length > TEXT_LIMITS.max) return { kind: 'invalid', message: m.textLength };
        return { kind: 'next', step: 'photos', draft: { ...fc.draft, text: input.raw } };
      },
    },
    photos: {
      help: m.photosHelp,
      prompt: () => m.askPhotos,
      async handle(input, fc) {
        if (input.msgType === 'image' && input.mediaRef) {
          const photos = [...fc.draft.photos, input.mediaRef];
          return { kind: 'stay', draft: { ...fc.draft, photos }, say: m.photoAdded(photos.length) };
        }
        if (DONE_WORDS.has(input.text) || NONE_WORDS.has(input.text)) return { kind: 'next', step: 'confirm', draft: fc.draft };
        return { kind: 'invalid', message: m.badPhotos };
      },
    },
    confirm: {
      help: m.confirmHelp,
      echoes: true, // the summary repeats what the deputy typed: private chat only
      prompt: (fc) => m.summary(RECORD_KINDS[fc.draft.kind!], dayLabel(fc.draft.heldOn!), fc.draft.text!, fc.draft.photos.length),
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'done', say: m.notSaved };
        return save(fc);
      },
    },
  },
};

async function save(fc: FlowContext<EntryDraft>): Promise<Result> {
  const d = fc.draft;
  const saved = await addRecordEntry(fc.bot.deps.db, {
    orgId: fc.bot.orgId, personId: fc.bot.actor.id, kind: d.kind!, heldOn: d.heldOn!, text: d.text!, photos: d.photos,
    sourceKey: `event:${fc.bot.row.channel}:${fc.bot.row.id}`,
  }, fc.now);
  // The day was checked when typed; a dialog left open past midnight cannot make it a future day.
  return saved.ok ? { kind: 'done', say: saved.message } : { kind: 'done', say: m.notSaved };
}
