// Rule P3: the people's-condition diary (民情日记) — at least diaryEntriesPerMonth entries a
// month and diaryEntriesPerYear a year, each confirmed by the visited constituent ("须经被走访
// 选民本人签名方为有效"): a photo of the signed page, or the constituent's name and phone. Pure.
import type { Policy } from '../policy.ts';

export type DiaryConfirmation = { kind: 'photo'; photoRef: string } | { kind: 'contact'; name: string; phone: string };

export interface DiaryStanding {
  month: number;
  monthNeed: number;
  year: number;
  yearNeed: number;
}

export function diaryStanding(monthCount: number, yearCount: number, policy: Policy): DiaryStanding {
  return { month: monthCount, monthNeed: policy.diaryEntriesPerMonth, year: yearCount, yearNeed: policy.diaryEntriesPerYear };
}

/** Whether the month's reminder is owed (the organisation keeps diaries and this deputy is short). */
export function diaryReminderOwed(monthCount: number, policy: Policy): boolean {
  return policy.diaryEntriesPerMonth > 0 && monthCount < policy.diaryEntriesPerMonth;
}

const PHONE = /^(1[3-9]\d{9}|0\d{9,11})$/;

/** Rule P3: a confirmation must name a constituent and a way to reach them, or be the signed page. */
export function checkConfirmation(c: DiaryConfirmation): 'ok' | 'name' | 'phone' | 'photo' {
  if (c.kind === 'photo') return c.photoRef ? 'ok' : 'photo';
  if ([...c.name.trim()].length < 2 || [...c.name.trim()].length > 20) return 'name';
  return PHONE.test(c.phone) ? 'ok' : 'phone';
}
