// Rule A5, the quarterly 代表小组集体活动登记表: "市代表小组组长在每季度最后一个月的20号之前，要将
// 本组代表集中开展活动情况登记表认真填写好，送县人大常委会代表联络工作委员会" (county group rule).
// The bot drafts the form from the quarter's activities on the policy's draft day of the
// quarter's last month (default the 10th) and sends it to the group's leaders to confirm;
// those who have not confirmed are chased on the chase day (the 15th); a confirmed form goes to
// the supervising body at once, and one still unconfirmed the day before the due day (the
// 19th) goes as the draft, so every form is there before the 20th. Pure: dates from the policy.
import type { Policy } from '../policy.ts';
import type { Quarter } from '../quarterly-duties.ts';
import { shanghaiInstant } from '../shanghai-time.ts';

export type FormStep = 'draft' | 'chase' | 'deliver_unconfirmed';
export const FORM_STEPS: readonly FormStep[] = ['draft', 'chase', 'deliver_unconfirmed'];

/** Each step goes out from 09:00 on its day. */
const SEND_HOUR = 9;

export interface FormStepWindow {
  step: FormStep;
  dueAt: Date;
  /** After this the step no longer serves (a bot down over it reports it missed). */
  expiresAt: Date;
}

/** The form's days in a quarter, kept in order whatever the policy says (draft < chase < due). */
export function formDays(policy: Pick<Policy, 'activityFormDraftDay' | 'activityFormChaseDay' | 'activityFormDueDay'>): { draft: number; chase?: number; lastDay: number; due: number } {
  const due = policy.activityFormDueDay;
  const lastDay = due - 1;
  const draft = Math.min(policy.activityFormDraftDay, lastDay);
  const chase = policy.activityFormChaseDay > draft && policy.activityFormChaseDay < lastDay ? policy.activityFormChaseDay : undefined;
  return { draft, chase, lastDay, due };
}

/**
 * The steps of a quarter: the draft and the chase may be caught up until the form is due
 * (pointless after it); a draft never delivered still goes late, until the quarter ends.
 */
export function formStepWindows(q: Quarter, policy: Pick<Policy, 'activityFormDraftDay' | 'activityFormChaseDay' | 'activityFormDueDay'>): FormStepWindow[] {
  const month = q.months[2];
  const days = formDays(policy);
  const at = (day: number, hour: number) => shanghaiInstant({ year: q.year, month, day }, hour, 0);
  const dueAt = at(days.due, 0);
  const steps: FormStepWindow[] = [{ step: 'draft', dueAt: at(days.draft, SEND_HOUR), expiresAt: dueAt }];
  if (days.chase !== undefined) steps.push({ step: 'chase', dueAt: at(days.chase, SEND_HOUR), expiresAt: dueAt });
  steps.push({ step: 'deliver_unconfirmed', dueAt: at(days.lastDay, SEND_HOUR), expiresAt: q.end });
  return steps;
}

/** The day the form is due, as a Date at noon of that day (for wording). */
export function formDueDate(q: Quarter, policy: Pick<Policy, 'activityFormDueDay'>): Date {
  return shanghaiInstant({ year: q.year, month: q.months[2], day: policy.activityFormDueDay }, 12, 0);
}
