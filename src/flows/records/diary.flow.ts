// 民情日记 (rules P3, R6): the day of the visit, whom the deputy visited, what was raised, what
// was done, and the visited constituent's confirmation — required ("须经被走访选民本人签名方为
// 有效"): a photo of the signed page, or the constituent's name and phone. Every step is
// personal, so the dialog runs in private chat; nothing of the constituent is ever logged.
import type { DiaryConfirmation } from '../../domain/records/diary.ts';
import { isDeputy } from '../../domain/roles.ts';
import { addDiaryEntry, TEXT_LIMITS } from '../../services/records/entry-service.ts';
import { parseYesNo } from '../parse/choice.ts';
import { dayLabel, parsePastDate } from '../parse/past-date.ts';
import type { Flow, FlowContext, FlowInput, Step, StepResult } from '../types.ts';
import { dateProblems, diaryMessages as m } from './messages.ts';

export interface DiaryDraft {
  visitedOn?: string;
  visited?: string;
  raised?: string;
  done?: string;
  confirmation?: DiaryConfirmation;
}

type Ctx = FlowContext<DiaryDraft>;
type Result = StepResult<DiaryDraft>;

function textStep(field: 'visited' | 'raised' | 'done', next: string, prompt: string, help: string): Step<DiaryDraft> {
  return {
    help,
    personal: true,
    prompt: () => prompt,
    async handle(input, fc) {
      const length = [...input.raw].length;
      if (length < TEXT_LIMITS.min || length > TEXT_LIMITS.max) return { kind: 'invalid', message: m.textLength };
      return { kind: 'next', step: next, draft: { ...fc.draft, [field]: input.raw } };
    },
  };
}

export const diaryFlow: Flow<DiaryDraft> = {
  name: 'diary',
  version: 1,
  title: '民情日记',
  async begin(fc) {
    if (!isDeputy(fc.bot.actor)) return { kind: 'done', say: m.notDeputy };
    return { kind: 'next', step: 'date', draft: {}, say: m.start };
  },
  steps: {
    date: {
      help: m.dateHelp,
      personal: true,
      prompt: () => m.askDate,
      async handle(input, fc) {
        const read = parsePastDate(input.text, fc.now);
        return read.ok ? { kind: 'next', step: 'visited', draft: { ...fc.draft, visitedOn: read.date } } : { kind: 'invalid', message: dateProblems[read.reason] };
      },
    },
    visited: textStep('visited', 'raised', m.askVisited, m.visitedHelp),
    raised: textStep('raised', 'done', m.askRaised, m.raisedHelp),
    done: textStep('done', 'confirmation', m.askDone, m.doneHelp),
    confirmation: {
      help: m.confirmationHelp,
      personal: true,
      prompt: () => m.askConfirmation,
      async handle(input, fc) {
        const confirmation = readConfirmation(input);
        return confirmation ? { kind: 'next', step: 'confirm', draft: { ...fc.draft, confirmation } } : { kind: 'invalid', message: m.badConfirmation };
      },
    },
    confirm: {
      help: m.confirmHelp,
      personal: true,
      prompt: (fc) => {
        const d = fc.draft;
        const c = d.confirmation!;
        return m.summary({ day: dayLabel(d.visitedOn!), visited: d.visited!, raised: d.raised!, done: d.done!, confirmation: c.kind === 'photo' ? m.photoConfirmation : `${c.name} ${c.phone}` });
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'done', say: m.notSaved };
        return save(fc);
      },
    },
  },
};

/** Rule P3: a photo of the signed page, or "姓名 手机号" (the phone may be a landline with its area code). */
function readConfirmation(input: FlowInput): DiaryConfirmation | undefined {
  if (input.msgType === 'image' && input.mediaRef) return { kind: 'photo', photoRef: input.mediaRef };
  const m = /^(\S{2,20}?)[\s,，:：]*((?:1[3-9]\d{9})|(?:0\d{2,3}-?\d{7,8}))$/u.exec(input.raw.trim());
  if (!m) return undefined;
  return { kind: 'contact', name: m[1]!, phone: m[2]!.replace(/-/g, '') };
}

async function save(fc: Ctx): Promise<Result> {
  const d = fc.draft;
  const saved = await addDiaryEntry(fc.bot.deps.db, {
    orgId: fc.bot.orgId, personId: fc.bot.actor.id, visitedOn: d.visitedOn!, visited: d.visited!, raised: d.raised!, done: d.done!,
    confirmation: d.confirmation!, sourceKey: `event:${fc.bot.row.channel}:${fc.bot.row.id}`,
  }, fc.now);
  return saved.ok ? { kind: 'done', say: saved.message } : { kind: 'done', say: m.notSaved };
}
