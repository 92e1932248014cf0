// Rule A7, a step of 发布活动: before an inspection or research trip the publisher is asked
// whether a study session on the relevant laws was held; the answer (and what was studied) is
// kept with the activity. A "no" is recorded as such; the bot suggests arranging one.
import { needsStudyCheck, STUDY_NOTE_MAX } from '../../domain/study-first.ts';
import { normalizeInput } from '../../lib/text.ts';
import { parseYesNo } from '../parse/choice.ts';
import type { Step } from '../types.ts';

export interface StudyDraft {
  kind?: string;
  /** Rule A7: the publisher's answer; undefined when the kind needs no study first. */
  studyHeld?: boolean;
  studyNote?: string;
}

export const studyMessages = {
  ask: (kind: string) =>
    `${kind}前应先组织学习相关法律法规。这次之前已经组织学习了吗？已学习请回复“是”并写明学习内容，例如“是，11月20日学习了大气污染防治法”；还没有请回复“否”。`,
  help: '回复“是，学习内容”或“否”。',
  bad: '请回复“是”（可在后面写明学习内容）或“否”。',
  tooLong: `学习内容最多 ${STUDY_NOTE_MAX} 字，请简要写明。`,
  notYet: '好的，活动记录中会注明“会前未组织学习”。建议在活动前安排一次集中学习：发送“发布活动”，类型选“学习”。',
  line: (held: boolean, note?: string) => (held ? `会前学习：已学习${note ? `（${note}）` : ''}` : '会前学习：未组织'),
};

export { needsStudyCheck };

const YES_PREFIX = /^(是的?|已经?学习了?|学习了|已学习|有|已组织)[,，、:：\s]*/u;
const NO_PREFIX = /^(否|没有|还没有?|未|没)/u;

/** The answer: studied (with what) or not; undefined when it is neither. */
export function readStudyAnswer(raw: string): { held: boolean; note?: string } | 'too_long' | undefined {
  const text = normalizeInput(raw);
  const yes = YES_PREFIX.exec(text);
  if (yes) {
    const note = text.slice(yes[0].length).trim();
    if ([...note].length > STUDY_NOTE_MAX) return 'too_long';
    return { held: true, ...(note ? { note } : {}) };
  }
  if (NO_PREFIX.test(text) || parseYesNo(text) === 'no') return { held: false };
  return parseYesNo(text) === 'yes' ? { held: true } : undefined;
}

/** The step; `next` is where the dialog goes after it, `label` the kind's Chinese word. */
export function studyStep<D extends StudyDraft>(next: string, label: (d: D) => string): Step<D> {
  return {
    help: studyMessages.help,
    prompt: (fc) => studyMessages.ask(label(fc.draft)),
    async handle(input, fc) {
      const read = readStudyAnswer(input.raw);
      if (read === 'too_long') return { kind: 'invalid', message: studyMessages.tooLong };
      if (!read) return { kind: 'invalid', message: studyMessages.bad };
      const draft = { ...fc.draft, studyHeld: read.held, studyNote: read.note };
      return { kind: 'next', step: next, draft, ...(read.held ? {} : { say: studyMessages.notYet }) };
    },
  };
}
