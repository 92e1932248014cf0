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
  /**
   * Answers in a row not understood before the step is asked again with its example; one more
   * sets the dialog aside (kept, see keptDraftHours). A dialog with nothing typed yet just ends.
   */
  dialogMaxInvalid: z.number().int().min(1).max(10).default(3),
  /**
   * How long a dialog set aside (answers not understood, idle past the timeout, or another
   * command started) keeps what the person typed for 继续: over a weekend (Friday afternoon to
   * Monday morning), not much longer, as a draft may hold a visitor's phone (rule R6).
   */
  keptDraftHours: z.number().int().min(1).max(30 * 24).default(72),
  /** Rule L1: the written reason for a leave, in characters. */
  leaveReasonMin: z.number().int().min(1).default(4),
  leaveReasonMax: z.number().int().min(10).default(200),
  /**
   * Rules S1, S4: a suggestion is assigned within this many calendar days of the session's
   * close ("主席團應在會后十五日內移交", township rule book), or of its registration when raised
   * in recess (S4: "視同人民代表大會期間提出的建議"). 日, not 工作日 (compare R4's 七个工作日).
   */
  suggestionAssignDays: z.number().int().min(1).max(90).default(15),
  /** Rule S1: answered within this many calendar months of assignment ("三個月內辦理完畢"). */
  suggestionAnswerMonths: z.number().int().min(1).max(12).default(3),
  /** Rule S1: how many extensions, and how long each ("延期辦理時限不得超過一個月"). */
  suggestionExtensionsAllowed: z.number().int().min(0).max(3).default(1),
  suggestionExtensionMaxMonths: z.number().int().min(1).max(6).default(1),
  /**
   * Rule S3: after 不满意 the suggestion is handled again ("重新辦理并答復代表"); the seed gives no
   * other period, so the new answer is due as the first was: this many months.
   */
  suggestionRedoMonths: z.number().int().min(1).max(12).default(3),
  /** Reminders before a suggestion's deadlines (and on the day), in calendar days. */
  suggestionAssignRemindDays: z.number().int().min(1).max(30).default(3),
  suggestionAnswerRemindDays: z.number().int().min(1).max(60).default(7),
  /** The weekly list of overdue suggestions goes to office staff on this ISO weekday (1 = Monday). */
  suggestionOverdueWeekday: z.number().int().min(1).max(7).default(1),
  /** Rule S6: suggestions a year per deputy, and reports or suggestions a year per group. */
  suggestionsPerDeputyYear: z.number().int().min(0).max(20).default(1),
  suggestionsPerGroupYear: z.number().int().min(0).max(50).default(1),
  /** Rule S6: from this month on (10 = the last quarter), those below the target are reminded. */
  annualTargetReminderMonth: z.number().int().min(1).max(12).default(10),
  /**
   * Rule S5: deputies who must sign a motion, its starter included ("人大代表5人以上提出的議案",
   * township rule book; the law's 五人以上联名 counts the lead proposer).
   */
  motionMinSigners: z.number().int().min(2).max(100).default(5),
  /**
   * Where a person with an account on both platforms is reached (WeCom or DingTalk); a person
   * with one account is reached on that one. One channel each, so nobody hears a thing twice.
   */
  preferredChannel: z.enum(['wecom', 'dingtalk']).default('wecom'),
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
