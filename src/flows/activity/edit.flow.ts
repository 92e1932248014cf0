// 修改活动: pick → which field (时间 / 地点 / 内容 / 标题) → new value (a time also asks for
// the end) → summary → confirm → updateActivity: the revision goes up, notices are re-planned
// and everyone already notified gets a 活动变更通知 card (rule A4).
import type { ActivityView } from '../../repositories/activity-repo.ts';
import { updateActivity, type UpdateActivityInput } from '../../services/activity-service.ts';
import { parseChoice, parseYesNo } from '../parse/choice.ts';
import { formatDateTime } from '../parse/datetime.ts';
import type { Flow, FlowContext, StepResult } from '../types.ts';
import { formatSpan, readEnd, readStart, readText } from './fields.ts';
import { activityFlowMessages as m } from './messages.ts';
import { beginPick, manageableActivity, pickStep, type PickDraft } from './pick.ts';

type Field = 'time' | 'place' | 'content' | 'title';
const FIELDS: Field[] = ['time', 'place', 'content', 'title'];
const FIELD_WORDS: Record<string, Field> = { 时间: 'time', 开始时间: 'time', 日期: 'time', 地点: 'place', 内容: 'content', 标题: 'title', 名称: 'title' };
const PROMPTS: Record<Field, string> = { time: m.askStart, place: m.askPlace, content: m.askContent, title: m.askTitle };

export interface EditDraft extends PickDraft {
  field?: Field;
  /** The new place, content or title. */
  value?: string;
  /** The new start and end (ISO instants). */
  startAt?: string;
  endAt?: string;
}

type Ctx = FlowContext<EditDraft>;
type Result = StepResult<EditDraft>;
const VERB = '修改';

const toField = async (_fc: unknown, activityId: number): Promise<Result> => ({ kind: 'next', step: 'field', draft: { activityId } });

export const editFlow: Flow<EditDraft> = {
  name: 'activity-edit',
  version: 1,
  title: '修改活动',
  begin: (fc, args) => beginPick(fc, args, VERB, toField),
  steps: {
    pick: pickStep(VERB, toField),
    field: {
      help: m.fieldHelp,
      label: m.labels.field,
      prompt: async (fc) => m.askField((await activityOf(fc))?.title ?? ''),
      async handle(input, fc) {
        const index = parseChoice(input.text, FIELDS.length);
        const field = index !== undefined ? FIELDS[index - 1] : FIELD_WORDS[input.text];
        if (!field) return { kind: 'invalid', message: m.badField };
        return { kind: 'next', step: 'value', draft: { activityId: fc.draft.activityId, field } };
      },
    },
    value: {
      help: m.valueHelp,
      label: m.labels.value,
      prompt: (fc) => PROMPTS[fc.draft.field!],
      async handle(input, fc) {
        const field = fc.draft.field!;
        if (field === 'time') {
          const read = readStart(input.raw, fc.now);
          if (!read.ok) return { kind: 'invalid', message: read.message };
          return { kind: 'next', step: 'end', draft: { ...fc.draft, startAt: read.value.toISOString() } };
        }
        const read = readText(field, input.raw);
        return read.ok ? { kind: 'next', step: 'confirm', draft: { ...fc.draft, value: read.value } } : { kind: 'invalid', message: read.message };
      },
    },
    end: {
      help: m.endHelp,
      prompt: (fc) => m.askEnd(formatDateTime(new Date(fc.draft.startAt!))),
      async handle(input, fc) {
        const read = readEnd(input.raw, new Date(fc.draft.startAt!), fc.now);
        return read.ok ? { kind: 'next', step: 'confirm', draft: { ...fc.draft, endAt: read.value.toISOString() } } : { kind: 'invalid', message: read.message };
      },
    },
    confirm: {
      help: m.confirmHelp(VERB),
      echoes: true, // the summary repeats the typed new value
      async prompt(fc) {
        const a = await activityOf(fc);
        if (!a) return m.noneUpcoming(VERB);
        const field = fc.draft.field!;
        return m.summary(m.editSummary(a.title, m.labels[field], shown(a, field), shownNew(fc.draft)), VERB);
      },
      async handle(input, fc) {
        const answer = parseYesNo(input.text);
        if (answer === undefined) return { kind: 'invalid', message: m.yesNo(VERB) };
        if (answer === 'no') return { kind: 'done', say: m.notDone(VERB) };
        const activity = await activityOf(fc);
        if (!activity) return { kind: 'done', say: m.noneUpcoming(VERB) };
        const result = await updateActivity(fc.bot.deps.db, {
          orgId: fc.bot.orgId, id: activity.id, changes: changesOf(fc.draft), now: fc.now, onDueNow: fc.bot.deps.onDueNow,
        });
        if (!result.ok) return { kind: 'done', say: m.failed(result.issues.map((i) => i.message).join('；')) };
        if (result.unchanged) return { kind: 'done', say: m.unchanged(activity.title, m.labels[fc.draft.field!]) };
        const said = m.edited(activity.title, m.labels[fc.draft.field!], result.told);
        return { kind: 'done', say: result.lateNotice ? `${said}${result.lateNotice}` : said };
      },
    },
  },
};

function activityOf(fc: Ctx): Promise<ActivityView | undefined> {
  return manageableActivity(fc.bot, fc.now, fc.draft.activityId);
}

function shown(a: ActivityView, field: Field): string {
  if (field === 'time') return formatSpan(a.startAt, a.endAt);
  return a[field] || m.none;
}

function shownNew(d: EditDraft): string {
  return d.field === 'time' ? formatSpan(new Date(d.startAt!), new Date(d.endAt!)) : d.value || m.none;
}

function changesOf(d: EditDraft): UpdateActivityInput['changes'] {
  if (d.field === 'time') return { startAt: new Date(d.startAt!), endAt: new Date(d.endAt!) };
  return { [d.field!]: d.value ?? '' };
}
