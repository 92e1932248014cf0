// Rule A5, the quarterly 代表小组集体活动登记表: "市代表小组组长在每季度最后一个月的20号之前，要将
// 本组代表集中开展活动情况登记表认真填写好，送县人大常委会代表联络工作委员会" (county group rule).
// The bot drafts the form from the quarter's activities on the policy's quarterNoActivityDay of
// the quarter's last month (default the 10th, the day of the A2 reminder) and sends it to the group's leaders to confirm; a
// confirmed form goes to the supervising body's staff at once. Leaders who have not confirmed
// are chased on quarterFormReminderDay (the 15th) and on the last day before it is due (the 19th); on
// quarterFormDueDay (the 20th) the staff are told which groups' forms are missing. Only a leader's
// confirmation sends a form: the bot never reports for a group what its leader has not checked.
// Pure: the days and the hour come from the policy (the quarterly duties' own settings).
import { minuteOfDay, type Policy } from '../policy.ts';
import type { Quarter } from '../quarterly-duties.ts';
import { shanghaiInstant } from '../shanghai-time.ts';

export type FormStep = 'draft' | 'chase' | 'last_call' | 'overdue';
export const FORM_STEPS: readonly FormStep[] = ['draft', 'chase', 'last_call', 'overdue'];

type FormPolicy = Pick<Policy, 'quarterNoActivityDay' | 'quarterFormReminderDay' | 'quarterFormDueDay'>;

export interface FormStepWindow {
  step: FormStep;
  dueAt: Date;
  /** After this the step no longer serves (a bot down over it reports it missed). */
  expiresAt: Date;
}

/** The form's days in a quarter, kept in order whatever the policy says (draft < chase < last day < due). */
export function formDays(policy: FormPolicy): { draft: number; chase?: number; lastDay: number; due: number } {
  const due = Math.max(policy.quarterFormDueDay, 2);
  const lastDay = due - 1;
  const draft = Math.min(policy.quarterNoActivityDay, lastDay);
  const chase = policy.quarterFormReminderDay > draft && policy.quarterFormReminderDay < lastDay ? policy.quarterFormReminderDay : undefined;
  return { draft, chase, lastDay, due };
}

/**
 * The steps of a quarter. A draft still serves until the quarter ends (a late form is better
 * than none); a chase only until the form is due (it names the due day); the staff's list of
 * missing forms for a week after it.
 */
export function formStepWindows(q: Quarter, policy: FormPolicy & Pick<Policy, 'reminderTime'>): FormStepWindow[] {
  const days = formDays(policy);
  const at = (day: number, minute: number) => shanghaiInstant({ year: q.year, month: q.months[2], day }, 0, minute);
  const send = minuteOfDay(policy.reminderTime);
  const dueAt = at(days.due, 0);
  const steps: FormStepWindow[] = [{ step: 'draft', dueAt: at(days.draft, send), expiresAt: q.end }];
  if (days.chase !== undefined) steps.push({ step: 'chase', dueAt: at(days.chase, send), expiresAt: dueAt });
  if (days.lastDay > days.draft) steps.push({ step: 'last_call', dueAt: at(days.lastDay, send), expiresAt: dueAt });
  const overdue = at(days.due, send);
  steps.push({ step: 'overdue', dueAt: overdue, expiresAt: new Date(Math.min(q.end.getTime(), overdue.getTime() + 7 * 86_400_000)) });
  return steps;
}

/** The day the form is due, as a Date at noon of that day (for wording). */
export function formDueDate(q: Quarter, policy: Pick<Policy, 'quarterFormDueDay'>): Date {
  return shanghaiInstant({ year: q.year, month: q.months[2], day: policy.quarterFormDueDay }, 12, 0);
}

/** Whether `now` is before the due day begins (the form can still be on time). */
export function formOnTime(q: Quarter, policy: Pick<Policy, 'quarterFormDueDay'>, now: Date): boolean {
  return now.getTime() < shanghaiInstant({ year: q.year, month: q.months[2], day: policy.quarterFormDueDay }, 0, 0).getTime();
}
