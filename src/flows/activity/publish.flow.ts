// 发布活动: unit (when there is a choice) → kind (A1) → title → start → end → place → content
// → invitees (the whole unit, 除了张三, 只邀请 张三、李四: services/invitees) → summary → confirm →
// createActivity, which plans the notices;
// published too late for one, the notice goes at once and the publisher hears so (rule A4).
import { ACTIVITY_KINDS, type ActivityKind } from '../../domain/activity-kinds.ts';
import { countUnitMembers } from '../../repositories/activity-repo.ts';
import { createActivity } from '../../services/activity-service.ts';
import { describeInvitees, readInvitees, type Invitees } from '../../services/invitees/invitees-service.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import { formatDateTime } from '../parse/datetime.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { recordStudyCheck } from '../../services/records/study-check-service.ts';
import { publishableUnits, refusal } from './access.ts';
import { needsStudyCheck, studyMessages, studyStep } from './study-step.ts';
import { formatSpan, kindList, readEnd, readKind, readStart, readText } from './fields.ts';
import { activityFlowMessages as m } from './messages.ts';

export interface PublishDraft {
  /** Offered units, when the person may publish for several. */
  units?: { id: number; name: string }[];
  unitId?: number;
  unitName?: string;
  kind?: ActivityKind;
  title?: string;
  /** ISO instants: drafts are stored as JSON. */
  startAt?: string;
  endAt?: string;
  place?: string;
  content?: string;
  inviteeCount?: number;
  /** Absent until answered; mode 'all' is re-read at publishing (the roster may change). */
  invitees?: Invitees;
  /** Rule A7: before an inspection or research trip, whether the laws were studied first. */
  studyHeld?: boolean;
  studyNote?: string;
}

type Ctx = FlowContext<PublishDraft>;
type Result = StepResult<PublishDraft>;
const VERB = '发布';

const next = (step: string, draft: PublishDraft): Result => ({ kind: 'next', step, draft });

/** A text step: title, place, content. */
function textStep(field: 'title' | 'place' | 'content', step: string, prompt: string, help: string) {
  return {
    help,
    label: m.labels[field],
    prompt: () => prompt,
    async handle(input: { raw: string }, fc: Ctx): Promise<Result> {
      const read = readText(field, input.raw);
      return read.ok ? next(step, { ...fc.draft, [field]: read.value }) : { kind: 'invalid', message: read.message };
    },
  };
}

export const publishFlow: Flow<PublishDraft> = {
  name: 'publish',
  version: 1,
  title: '发布活动',
  async begin(fc) {
    const units = await publishableUnits(fc.bot);
    if (units.length === 0) return { kind: 'done', say: await refusal(fc.bot, VERB) };
    if (units.length === 1) return chooseUnit({ ...fc, draft: {} }, units[0]!);
    return next('unit', { units: units.map((u) => ({ id: u.id, name: u.name })) });
  },
  steps: {
    unit: {
      help: m.pickUnitHelp,
      label: m.labels.unit,
      prompt: (fc) => m.pickUnit(fc.draft.units!.map((u, i) => `${i + 1}. ${u.name}`).join('\n')),
      async handle(input, fc) {
        const units = fc.draft.units!;
        const index = parseChoice(input.text, units.length);
        if (index === undefined) return { kind: 'invalid', message: m.badChoice(units.length) };
        return chooseUnit(fc, units[index - 1]!);
      },
    },
    kind: {
      help: m.kindHelp,
      label: m.labels.kind,
      prompt: (fc) => m.askKind(fc.draft.unitName!, kindList()),
      async handle(input, fc) {
        const read = readKind(input.text);
        if (!read.ok) return { kind: 'invalid', message: read.message };
        // Rule A7: an inspection or research trip asks first whether the laws were studied.
        return next(needsStudyCheck(read.value) ? 'study' : 'title', { ...fc.draft, kind: read.value, studyHeld: undefined, studyNote: undefined });
      },
    },
    study: studyStep<PublishDraft>('title', (d) => ACTIVITY_KINDS[d.kind!]),
    title: textStep('title', 'start', m.askTitle, m.titleHelp),
    start: {
      help: m.startHelp,
      label: m.labels.start,
      prompt: () => m.askStart,
      async handle(input, fc) {
        const read = readStart(input.raw, fc.now);
        return read.ok ? next('end', { ...fc.draft, startAt: read.value.toISOString() }) : { kind: 'invalid', message: read.message };
      },
    },
    end: {
      help: m.endHelp,
      label: m.labels.end,
      prompt: (fc) => m.askEnd(formatDateTime(new Date(fc.draft.startAt!))),
      async handle(input, fc) {
        const read = readEnd(input.raw, new Date(fc.draft.startAt!), fc.now);
        return read.ok ? next('place', { ...fc.draft, endAt: read.value.toISOString() }) : { kind: 'invalid', message: read.message };
      },
    },
    place: textStep('place', 'content', m.askPlace, m.placeHelp),
    content: textStep('content', 'invitees', m.askContent, m.contentHelp),
    invitees: {
      help: m.inviteesHelp,
      label: m.labels.invitees,
      prompt: (fc) => m.askInvitees(fc.draft.inviteeCount ?? 0, fc.draft.unitName!),
      // Rules A4, A6: who gets the notices and has an attendance entry.
      async handle(input, fc) {
        const read = await readInvitees(fc.bot.deps.db, { id: fc.draft.unitId!, name: fc.draft.unitName! }, input.raw);
        return read.ok ? next('confirm', { ...fc.draft, invitees: read.invitees }) : { kind: 'invalid', message: read.message };
      },
    },
    confirm: {
      help: m.confirmHelp(VERB),
      echoes: true, // the summary repeats the typed title, place and content
      prompt: (fc) => m.summary(summaryLines(fc.draft), VERB),
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo(VERB) };
        if (answer === 'no') return { kind: 'done', say: m.notDone(VERB) };
        return publish(fc);
      },
    },
  },
};

async function chooseUnit(fc: Ctx, unit: { id: number; name: string }): Promise<Result> {
  const inviteeCount = await countUnitMembers(fc.bot.deps.db, unit.id);
  return next('kind', { ...fc.draft, units: undefined, unitId: unit.id, unitName: unit.name, inviteeCount });
}

function summaryLines(d: PublishDraft): string[] {
  const l = m.labels;
  return [
    `${l.unit}：${d.unitName}`,
    `${l.kind}：${ACTIVITY_KINDS[d.kind!]}`,
    `${l.title}：${d.title}`,
    `${l.time}：${formatSpan(new Date(d.startAt!), new Date(d.endAt!))}`,
    `${l.place}：${d.place}`,
    `${l.content}：${d.content || m.none}`,
    // A draft from before invitees were chosen by name invites the whole unit.
    `${l.invitees}：${describeInvitees(d.invitees ?? { mode: 'all', named: [] }, d.invitees?.ids.length ?? d.inviteeCount ?? 0)}`,
    ...(d.studyHeld === undefined ? [] : [studyMessages.line(d.studyHeld, d.studyNote)]),
  ];
}

async function publish(fc: Ctx): Promise<Result> {
  const d = fc.draft;
  // Checked again: the roster may have changed since the dialog began.
  if (!(await publishableUnits(fc.bot)).some((u) => u.id === d.unitId)) return { kind: 'done', say: await refusal(fc.bot, VERB) };
  const result = await createActivity(fc.bot.deps.db, {
    orgId: fc.bot.orgId, unit: { id: d.unitId! }, kind: d.kind!, title: d.title!, startAt: new Date(d.startAt!),
    endAt: new Date(d.endAt!), place: d.place!, content: d.content, createdById: fc.bot.actor.id, now: fc.now,
    onDueNow: fc.bot.deps.onDueNow,
    inviteeIds: d.invitees && d.invitees.mode !== 'all' ? d.invitees.ids : undefined,
  });
  if (!result.ok) return { kind: 'done', say: m.failed(result.issues.map((i) => i.message).join('；')) };
  const { activity, lateNotice } = result;
  if (d.studyHeld !== undefined) await recordStudyCheck(fc.bot.deps.db, { id: activity.id, kind: d.kind! }, d.studyHeld, d.studyNote);
  return { kind: 'done', say: lateNotice ? m.publishedLate(activity.title, activity.id, lateNotice) : m.published(activity.title, activity.id) };
}
