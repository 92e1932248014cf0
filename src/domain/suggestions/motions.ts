// Motions (议案, rule S5): open for co-signing until enough deputies have signed, starter
// included; then submitted and numbered 2026-议-0001. Pure.
import type { Policy } from '../policy.ts';

export const MOTION_STATUSES = ['open', 'submitted', 'withdrawn'] as const;
export type MotionStatus = (typeof MOTION_STATUSES)[number];

export const MOTION_STATUS_LABEL: Record<MotionStatus, string> = { open: '征集附议', submitted: '已提交', withdrawn: '已撤回' };

/** The one-character code in a motion's number. */
export const MOTION_CODE = '议';

/** Rule S5: signers (starter included) still needed; 0 when the motion may be submitted. */
/**
 * Rule S5: whose signature completed the motion: the minSigners-th in the order of signing
 * (ties in order of invitation). Two clicks processed at once both signed before either
 * submitted; each must name the same completer, so the two announcements are one.
 */
export function completingSigner<T extends { personId: number; signedAt: Date | null }>(signersInOrder: T[], minSigners: number): number | undefined {
  return signersInOrder.filter((s) => s.signedAt)[minSigners - 1]?.personId;
}

export function signersStillNeeded(signed: number, policy: Policy): number {
  return Math.max(0, policy.motionMinSigners - signed);
}
