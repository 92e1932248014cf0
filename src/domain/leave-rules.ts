// Leave rules L1, L2, L5 as pure functions.
import type { Policy } from './policy.ts';
import { UNIT_LEAD_ROLES, type Actor } from './roles.ts';

/**
 * Leave requests that count towards the yearly quota (L2): pending ones are promises of a
 * leave. A rejected or withdrawn request does not count, so withdrawing gives the leave back.
 */
export const COUNTED_LEAVE_STATUSES = ['pending', 'approved'] as const;

/** The unit kinds whose activities' leave counts towards L2 (the repository counts those). */
export const QUOTA_UNIT_KINDS = ['group'] as const;

/** pending → approved | rejected | withdrawn; approved → withdrawn (the person comes after all). */
export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;

export type LeaveRefusal = 'quota_reached' | 'already_started' | 'cancelled' | 'already_requested' | 'not_invited';

export interface LeaveCheck {
  activity: { startAt: Date; status: string; unit: { kind: string } };
  invited: boolean;
  /** Requests this year that count (pending + approved). */
  usedThisYear: number;
  alreadyRequested: boolean;
}

/** Why a leave request may not be made now, or undefined when it may (L1: in advance; L2: quota). */
export function refuseLeave(check: LeaveCheck, policy: Policy, now: Date): LeaveRefusal | undefined {
  if (!check.invited) return 'not_invited';
  if (check.activity.status === 'cancelled') return 'cancelled';
  if (check.activity.startAt <= now) return 'already_started'; // rule L1: in advance
  if (check.alreadyRequested) return 'already_requested';
  if (countsTowardsQuota(check.activity) && check.usedThisYear >= policy.leavesPerYear) return 'quota_reached';
  return undefined;
}

/**
 * Rule L2 limits leave from group activities (代表小组); a station's activities, its reception
 * days and the office's have no quota. A leave from those is neither counted nor refused.
 */
export function countsTowardsQuota(activity: { unit: { kind: string } }): boolean {
  return (QUOTA_UNIT_KINDS as readonly string[]).includes(activity.unit.kind);
}

export function leavesRemaining(usedThisYear: number, policy: Policy): number {
  return Math.max(0, policy.leavesPerYear - usedThisYear);
}

/** Who may decide a leave: the unit's leads and liaison, or office staff; never the requester. */
export function mayDecideLeave(actor: Actor & { id: number }, unitId: number, requesterId: number): boolean {
  if (actor.id === requesterId) return false;
  return actor.memberships.some(
    (m) => m.unit.kind === 'office' || (m.unit.id === unitId && (UNIT_LEAD_ROLES as readonly string[]).includes(m.role)),
  );
}
