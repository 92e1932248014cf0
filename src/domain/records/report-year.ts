// Rule E1: which year a written annual report is for. Reports are written at year end; one
// handed in early in January, before the year's summaries go to the office (policy
// yearSummaryDate), is still last year's. Pure.
import { monthDayOf, type Policy } from '../policy.ts';
import { shanghaiParts } from '../shanghai-time.ts';

export function reportYear(at: Date, policy: Pick<Policy, 'yearSummaryDate'>): number {
  const { date } = shanghaiParts(at);
  const summary = monthDayOf(policy.yearSummaryDate);
  const beforeSummary = date.month < summary.month || (date.month === summary.month && date.day < summary.day);
  return beforeSummary && summary.month <= 2 ? date.year - 1 : date.year;
}
