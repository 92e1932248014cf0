// Rule A5, the quarterly 代表小组集体活动登记表: "市代表小组组长在每季度最后一个月的20号之前，要将
// 本组代表集中开展活动情况登记表认真填写好，送县人大常委会代表联络工作委员会" (county group rule).
// The bot drafts the form from the quarter's activities on the policy's draft day of the
// quarter's last month (default the 10th) and sends it to the group's leaders to confirm; a
// confirmed form goes to the supervising body's staff at once. Leaders who have not confirmed
// are chased on the chase day (the 15th) and on the last day before it is due (the 19th); on
// the due day (the 20th) the staff are told which groups' forms are missing. Only a leader's
// confirmation sends a form: the bot never reports for a group what its leader has not checked.
// Pure: the days come from the policy, one setting per number.
import type { Policy } from '../policy.ts';
import type { Quarter } from '../quarterly-duties.ts';
import { shanghaiInstant } from '../shanghai-time.ts';

export type FormStep = 'draft' | 'chase' | 'last_call' | 'overdue';
export const FORM_STEPS: readonly FormStep[] = ['draft', 'chase', 'last_call', 'overdue'];

type FormPolicy = Pick<Policy, 'activityFormDraftDay' | 'activityFormChaseDay' | 'activityFormDueDay'>;

/** Each step goes out from 09:00 on its day. */
const SEND_HOUR = 9;

export interface FormStepWindow {
  step: FormStep;
  dueAt: Date;
  /** After this the step no longer serves (a bot down over it reports it missed). */
  expiresAt: Date;
}

/** The form's days in a quarter, kept in order whatever the policy says (draft < chase < last day < due). */
export function formDays(policy: FormPolicy): { draft: number; chase?: number; lastDay: number; due: number } {
  const due = policy.activityFormDueDay;
  const lastDay = due - 1;
  const draft = Math.min(policy.activityFormDraftDay, lastDay);
  const chase = policy.activityFormChaseDay > draft && policy.activityFormChaseDay < lastDay ? policy.activityFormChaseDay : undefined;
  return { draft, chase, lastDay, due };
}

/**
 * The steps of a quarter. A draft still serves until the quarter ends (a late form is better
 * than none); a chase only until the form is due (it names the due day); the staff's list of
 * missing forms for a week after it.
 */
export function formStepWindows(q: Quarter, policy: FormPolicy): FormStepWindow[] {
  const days = formDays(policy);
  const at = (day: number, hour: number) => shanghaiInstant({ year: q.year, month: q.months[2], day }, hour, 0);
  const dueAt = at(days.due, 0);
  const steps: FormStepWindow[] = [{ step: 'draft', dueAt: at(days.draft, SEND_HOUR), expiresAt: q.end }];
  if (days.chase !== undefined) steps.push({ step: 'chase', dueAt: at(days.chase, SEND_HOUR), expiresAt: dueAt });
  if (days.lastDay > days.draft) steps.push({ step: 'last_call', dueAt: at(days.lastDay, SEND_HOUR), expiresAt: dueAt });
  const overdue = at(days.due, SEND_HOUR);
  steps.push({ step: 'overdue', dueAt: overdue, expiresAt: new Date(Math.min(q.end.getTime(), overdue.getTime() + 7 * 86_400_000)) });
  return steps;
}

/** The day the form is due, as a Date at noon of that day (for wording). */
export function formDueDate(q: Quarter, policy: Pick<Policy, 'activityFormDueDay'>): Date {
  return shanghaiInstant({ year: q.year, month: q.months[2], day: policy.activityFormDueDay }, 12, 0);
}

/** Whether `now` is before the due day begins (the form can still be on time). */
export function formOnTime(q: Quarter, policy: Pick<Policy, 'activityFormDueDay'>, now: Date): boolean {
  return now.getTime() < shanghaiInstant({ year: q.year, month: q.months[2], day: policy.activityFormDueDay }, 0, 0).getTime();
}
