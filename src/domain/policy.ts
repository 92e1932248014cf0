// Per-organisation numbers and names from domain.md, with their defaults. Each organisation
// may override any of them (Organisation.policy JSON); rules read them from here, never inline.
import { z } from 'zod';

export const policySchema = z.object({
  /**
   * Rule U4: the body that supervises the groups and stations, receives their reports and
   * assigns suggestions. One name per organisation, used in every sentence that names it
   * (a township sets 乡镇人大主席团).
   */
  supervisingBody: z.string().trim().min(2).max(40).default('县人大常委会代表联络工委'),
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
export type PolicyKey = keyof Policy;

export const DEFAULT_POLICY: Policy = policySchema.parse({});

export interface ResolvedPolicy {
  policy: Policy;
  /** Stored fields that were refused (unknown key or bad value): each fell back to its default. */
  rejected: { key: string; problem: string }[];
}

/**
 * An organisation's stored policy over the defaults, merged field by field: one bad field
 * falls back to its default and is reported, the others keep their stored values.
 */
export function resolvePolicyFields(stored: string | null | undefined): ResolvedPolicy {
  let raw: unknown = {};
  try {
    raw = stored ? JSON.parse(stored) : {};
  } catch {
    return { policy: DEFAULT_POLICY, rejected: [{ key: '*', problem: 'not JSON' }] };
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { policy: DEFAULT_POLICY, rejected: [{ key: '*', problem: 'not a JSON object' }] };
  }
  const fields = policySchema.shape as Record<string, z.ZodType>;
  const merged: Record<string, unknown> = { ...DEFAULT_POLICY };
  const rejected: ResolvedPolicy['rejected'] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const field = fields[key];
    if (!field) {
      rejected.push({ key, problem: 'unknown setting' });
      continue;
    }
    const parsed = field.safeParse(value);
    if (parsed.success) merged[key] = parsed.data;
    else rejected.push({ key, problem: parsed.error.issues[0]?.message ?? 'bad value' });
  }
  return { policy: merged as Policy, rejected };
}

/** The policy alone (see resolvePolicyFields for what was refused). */
export function resolvePolicy(stored: string | null | undefined): Policy {
  return resolvePolicyFields(stored).policy;
}
