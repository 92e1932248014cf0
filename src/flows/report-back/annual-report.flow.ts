// 述职报告 (rule E1): a deputy hands in the written annual report by chat — a file, or the text
// over several messages until 完成 — and confirms. A later one replaces it; a report a
// report-back meeting is waiting for goes to its voters at once (E2).
import { isDeputy } from '../../domain/roles.ts';
import { reportYear } from '../../domain/records/report-year.ts';
import { REPORT_LIMITS, submitAnnualReport } from '../../services/records/annual-report-service.ts';
import { parseYesNo } from '../parse/choice.ts';
import type { Flow, FlowContext, FlowInput, StepResult } from '../types.ts';
import { reportFlowMessages as m } from './messages.ts';

export interface ReportDraft {
  text: string;
  fileRef?: string;
}

type Result = StepResult<ReportDraft>;
const DONE_WORDS = new Set(['完成', '写完了', '好了', '就这些']);

export const annualReportFlow: Flow<ReportDraft> = {
  name: 'annual-report',
  version: 1,
  title: '述职报告',
  async begin(fc) {
    if (!isDeputy(fc.bot.actor)) return { kind: 'done', say: m.notDeputy };
    return { kind: 'next', step: 'content', draft: { text: '' } };
  },
  steps: {
    content: {
      help: m.contentHelp,
      prompt: () => m.askContent,
      handle: async (input, fc) => collect(input, fc),
    },
    confirm: {
      help: m.confirmHelp,
      echoes: true,
      prompt: (fc) => m.summary(reportYear(fc.now, fc.policy), [...fc.draft.text].length, fc.draft.fileRef !== undefined),
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'done', say: m.notSubmitted };
        const result = await submitAnnualReport(
          { db: fc.bot.deps.db, outbound: fc.bot.deps.outbound, now: fc.now },
          { orgId: fc.bot.orgId, personId: fc.bot.actor.id, text: fc.draft.text, fileRef: fc.draft.fileRef ?? null },
        );
        return { kind: 'done', say: result.message };
      },
    },
  },
};

async function collect(input: FlowInput, fc: FlowContext<ReportDraft>): Promise<Result> {
  const d = fc.draft;
  if (input.msgType === 'file' && input.mediaRef) return { kind: 'stay', draft: { ...d, fileRef: input.mediaRef }, say: m.fileAdded };
  if (DONE_WORDS.has(input.text)) {
    if (!d.fileRef && [...d.text].length < REPORT_LIMITS.min) return { kind: 'invalid', message: d.text ? `${m.added([...d.text].length)}（至少 ${REPORT_LIMITS.min} 字）` : m.empty };
    return { kind: 'next', step: 'confirm', draft: d };
  }
  if (!input.raw) return { kind: 'invalid', message: m.askContent };
  const text = d.text ? `${d.text}\n${input.raw}` : input.raw;
  if ([...text].length > REPORT_LIMITS.max) return { kind: 'invalid', message: `正文最多 ${REPORT_LIMITS.max} 字，请改为发送报告文件。` };
  return { kind: 'stay', draft: { ...d, text }, say: m.added([...text].length) };
}
