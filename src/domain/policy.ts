// Per-organisation numbers from domain.md, with their defaults. Each organisation may
// override any of them (Organisation.policy JSON); rules read them from here, never inline.
import { z } from 'zod';

export const policySchema = z.object({
  /** Rule L2: leaves a deputy may take in one calendar year (group activities). */
  leavesPerYear: z.number().int().min(0).default(2),
  /** Rule A6: the sign-in window opens this many minutes before an activity starts. */
  signInOpensMinutesBefore: z.number().int().min(0).max(24 * 60).default(30),
  /** A dialog idle this long ends; the user is told the next time they write. */
  dialogTimeoutMinutes: z.number().int().min(1).max(24 * 60).default(30),
  /** Invalid answers in a row that end a dialog. */
  dialogMaxInvalid: z.number().int().min(1).max(10).default(3),
  /** Rule L1: the written reason for a leave, in characters. */
  leaveReasonMin: z.number().int().min(1).default(4),
  leaveReasonMax: z.number().int().min(10).default(200),
});

export type Policy = z.infer<typeof policySchema>;

export const DEFAULT_POLICY: Policy = policySchema.parse({});

/** An organisation's stored policy over the defaults; unknown or bad values fall back. */
export function resolvePolicy(stored: string | null | undefined): Policy {
  let raw: unknown = {};
  try {
    raw = stored ? JSON.parse(stored) : {};
  } catch {
    raw = {};
  }
  const parsed = policySchema.safeParse(raw);
  return parsed.success ? parsed.data : DEFAULT_POLICY;
}
