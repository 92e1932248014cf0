// 填写纪要 (rule A5): after an activity its leader or liaison completes the written account for
// the supervising body — pick the activity → results → opinions about 一府两院 → confirm.
// Content, form and participants come from the records; the account is stored with the activity
// and sent to the supervising body's staff at once.
import { ACTIVITY_KINDS, type ActivityKind } from '../../domain/activity-kinds.ts';
import { keptUnitIds } from '../../domain/roles.ts';
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { activitiesAwaitingAccount } from '../../repositories/account-repo.ts';
import { completeAccount } from '../../services/registers/account-delivery.ts';
import { attendanceSheet } from '../../repositories/attendance-repo.ts';
import { hasMeaningfulText } from '../../lib/text.ts';
import { flowMessages } from '../messages.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { accountMessages as m } from './messages.ts';

export interface AccountDraft {
  options?: { id: number; label: string }[];
  activityId?: number;
  results?: string;
  text?: string;
}

type Ctx = FlowContext<AccountDraft>;
const WINDOW_MS = 30 * 86400_000;

export const accountFlow: Flow<AccountDraft> = {
  name: 'account',
  version: 1,
  title: '填写纪要',
  async begin(fc) {
    const actor = fc.bot.actor;
    const units = keptUnitIds(actor);
    const open = await activitiesAwaitingAccount(fc.bot.deps.db, fc.bot.orgId, units, new Date(fc.now.getTime() - WINDOW_MS), fc.now);
    if (open.length === 0) return { kind: 'done', say: m.none };
    if (open.length === 1) return { kind: 'next', step: 'results', draft: { activityId: open[0]!.id } };
    const options = open.map((a) => ({ id: a.id, label: `${formatDateTime(a.startAt)} ${a.unit.name}·${a.title}` }));
    return { kind: 'next', step: 'pick', draft: { options } };
  },
  steps: {
    pick: {
      help: m.pickHelp,
      label: m.labels.activity,
      prompt: (fc) => m.pick(fc.draft.options!.map((o, i) => `${i + 1}. ${o.label}`).join('\n')),
      async handle(input, fc) {
        const index = parseChoice(input.text, fc.draft.options!.length);
        if (index === undefined) return { kind: 'invalid', message: m.badChoice(fc.draft.options!.length) };
        return { kind: 'next', step: 'results', draft: { activityId: fc.draft.options![index - 1]!.id } };
      },
    },
    results: {
      help: m.resultsHelp,
      label: m.labels.results,
      prompt: async (fc) => m.askResults((await activity(fc))?.title ?? ''),
      async handle(input, fc) {
        if (!within(input.raw, 5, 1000)) return { kind: 'invalid', message: m.length(5, 1000) };
        if (!hasMeaningfulText(input.raw)) return { kind: 'invalid', message: flowMessages.needsWords('活动成效', m.resultsExample) };
        return { kind: 'next', step: 'opinions', draft: { ...fc.draft, results: input.raw } };
      },
    },
    opinions: {
      help: m.opinionsHelp,
      label: m.labels.opinions,
      prompt: () => m.askOpinions,
      async handle(input, fc) {
        if (!within(input.raw, 1, 2000)) return { kind: 'invalid', message: m.length(1, 2000) };
        return { kind: 'next', step: 'confirm', draft: { ...fc.draft, text: await compose(fc, input.raw) } };
      },
    },
    confirm: {
      help: m.confirmHelp,
      echoes: true, // the account repeats the typed results and opinions
      prompt: (fc) => m.summary(fc.draft.text!),
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo };
        if (answer === 'no') return { kind: 'done', say: m.notSaved };
        const a = (await activity(fc))!;
        // Rule A5: saved and sent to the supervising body's staff (services/registers/account-delivery.ts).
        const outcome = await completeAccount(
          { db: fc.bot.deps.db, outbound: fc.bot.deps.outbound, now: fc.now },
          { orgId: fc.bot.orgId, activityId: a.id, text: fc.draft.text!, byId: fc.bot.actor.id },
        );
        const say = outcome.deliveredTo ? m.saved(a.title, outcome.supervisingBody) : m.savedNotDelivered(a.title, outcome.supervisingBody);
        return { kind: 'done', say } satisfies StepResult<AccountDraft>;
      },
    },
  },
};

function within(text: string, min: number, max: number): boolean {
  const n = [...text].length;
  return n >= min && n <= max;
}

async function activity(fc: Ctx) {
  return fc.bot.deps.db.activity.findFirst({ where: { id: fc.draft.activityId, orgId: fc.bot.orgId } });
}

async function compose(fc: Ctx, opinions: string): Promise<string> {
  const a = (await activity(fc))!;
  const sheet = await attendanceSheet(fc.bot.deps.db, a.id);
  const present = sheet.filter((r) => r.state === 'present').map((r) => r.person.name);
  const kind = ACTIVITY_KINDS[a.kind as ActivityKind] ?? a.kind;
  return m.accountText({ title: a.title, kind, time: formatDateTime(a.startAt), place: a.place, present, results: fc.draft.results!, opinions });
}
