// Rule S6: each deputy aims at one well-founded suggestion a year, each group at least one
// report or suggestion a year (policy numbers); those short of it are reminded in the last
// quarter. Pure.
import type { Policy } from '../policy.ts';
import type { CivilDate } from '../shanghai-time.ts';

export interface TargetStanding {
  count: number;
  target: number;
  met: boolean;
}

export function standing(count: number, target: number): TargetStanding {
  return { count, target, met: count >= target };
}

export const deputyStanding = (count: number, policy: Policy) => standing(count, policy.suggestionsPerDeputyYear);
export const groupStanding = (count: number, policy: Policy) => standing(count, policy.suggestionsPerGroupYear);

/** From the policy's month (October: the last quarter) to the year's end, reminders are due. */
export function inReminderSeason(today: CivilDate, policy: Policy): boolean {
  return today.month >= policy.annualTargetReminderMonth;
}
