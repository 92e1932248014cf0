// Motions (议案, rule S5): open for co-signing until enough deputies have signed, starter
// included; then submitted and numbered 2026-议-0001. Pure.
import type { Policy } from '../policy.ts';

export const MOTION_STATUSES = ['open', 'submitted', 'withdrawn'] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];

export const MOTION_STATUS_LABEL: Record<MotionStatus, string> = { open: '征集附议', submitted: '已提交', withdrawn: '已撤回' };

/** The one-character code in a motion's number. */
export const MOTION_CODE = '议';

/** Rule S5: signers (starter included) still needed; 0 when the motion may be submitted. */
export function signersStillNeeded(signed: number, policy: Policy): number {
  return Math.max(0, policy.motionMinSigners - signed);
}
