// Per-organisation numbers and names from domain.md, with their defaults. Each organisation
// may override any of them (Organisation.policy JSON); rules read them from here, never inline.
import { z } from 'zod';

/** Shanghai wall time, HH:MM. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '应为 HH:MM 格式的时间（00:00–23:59）');
/** A day that every month has. */
const dayOfMonth = z.number().int().min(1).max(28);
/** MM-DD of a day every year has (no 29 February). */
const monthDay = z.string().refine((v) => {
  const m = /^(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(2025, month, 0)).getUTCDate();
}, '应为 MM-DD 格式的日期（01-01–12-31，不含 2 月 29 日）');

export const policySchema = z.object({
  /**
   * Rule U4: the body that supervises the groups and stations, receives their reports and
   * assigns suggestions. One name per organisation, used in every sentence that names it
   * (a township sets 乡镇人大主席团).
   */
  supervisingBody: z.string().trim().min(2).max(40).default('县人大常委会代表联络工委'),
  /**
   * Rule R4: the body a visitor's issue is forwarded to when none of the organisation's own
   * departments can handle it (a county forwards to its standing committee; a township
   * presidium to the county's).
   */
  forwardBody: z.string().trim().min(2).max(40).default('县人大常委会'),
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

  // ── Reception of constituents (R1–R4) ──────────────────────────────────────────────
  /** Rule R1: a reception day's hours (Shanghai wall time, HH:MM). */
  receptionStart: hhmm.default('09:00'),
  receptionEnd: hhmm.default('11:30'),
  /** Rule R2: deputies on duty at each reception day (one listens, one records). */
  receptionDutiesPerDay: z.number().int().min(1).max(20).default(2),
  /** Rules R1, R2: reception days are planned this many months ahead (this month included). */
  receptionPlanMonths: z.number().int().min(1).max(12).default(2),
  /** Rule R4: issues are assigned within this many working days of the reception (七个工作日). */
  receptionAssignWorkingDays: z.number().int().min(1).max(60).default(7),
  /** Rule R4: office staff are reminded when this many working days or fewer are left. */
  receptionRemindWorkingDays: z.number().int().min(1).max(20).default(2),

  // ── Quarterly duties and minimums (A2, A3, A5) ─────────────────────────────────────
  /** Reminders on a calendar day go out from this time (Shanghai, HH:MM). */
  reminderTime: hhmm.default('09:00'),
  /**
   * Rule A2: on this day of a quarter's last month, groups without an activity yet are
   * reminded; rule A5: the same day every group's registration form is drafted and sent to its
   * leaders to confirm.
   */
  quarterNoActivityDay: dayOfMonth.default(10),
  /** Rule A5: on this day of a quarter's last month, groups whose form is unconfirmed are reminded… */
  quarterFormReminderDay: dayOfMonth.default(15),
  /** …which is due before this day ("每季度最后一个月的20号之前"). */
  quarterFormDueDay: dayOfMonth.default(20),
  /** Rules A2, A3: days after the quarter's last day during which the office's list is still sent. */
  minimumsCatchUpDays: z.number().int().min(1).max(31).default(7),
  /** Rule A2: a group's collective activities a quarter, inspections or research trips a year, study sessions a year. */
  groupActivitiesPerQuarter: z.number().int().min(0).max(20).default(1),
  groupTripsPerYear: z.number().int().min(0).max(50).default(2),
  groupStudiesPerYear: z.number().int().min(0).max(50).default(1),
  /** Rule A2: a larger group (大组) holds at least this many activities every half year. */
  largeGroupActivitiesPerHalfYear: z.number().int().min(0).max(20).default(1),
  /** Rule A3: a station's activities a month and a year. */
  stationActivitiesPerMonth: z.number().int().min(0).max(20).default(1),
  stationActivitiesPerYear: z.number().int().min(0).max(200).default(10),
  /** Rule A3: a deputies' home (代表之家): 1–2 activities a quarter, at least 6 a year, 90 % taking part. */
  homeActivitiesPerQuarter: z.number().int().min(0).max(20).default(1),
  homeActivitiesPerQuarterMax: z.number().int().min(1).max(50).default(2),
  homeActivitiesPerYear: z.number().int().min(0).max(100).default(6),
  homeParticipationPercent: z.number().int().min(0).max(100).default(90),

  // ── Eligibility and sessions (L3, L4) ──────────────────────────────────────────────
  /** Rule L3: group activities missed (absent or on leave) in a year that cost the 优秀代表 eligibility. */
  excellentMissedGroupActivities: z.number().int().min(1).max(20).default(2),
  /** Rule L4: unapproved absences in a row from congress sessions that office staff are warned of. */
  sessionAbsencesInRow: z.number().int().min(1).max(10).default(2),

  // ── Performance record, "six ones" (P2, P4) ────────────────────────────────────────
  /** Rule P4: each half year a group activity and a survey of people's conditions. */
  sixOnesGroupActivitiesPerHalfYear: z.number().int().min(0).max(20).default(1),
  sixOnesSurveysPerHalfYear: z.number().int().min(0).max(20).default(1),
  /** Rule P4: each year a practical thing done, a contact campaign, a household helped (the suggestion is suggestionsPerDeputyYear). */
  sixOnesPracticalPerYear: z.number().int().min(0).max(20).default(1),
  sixOnesContactsPerYear: z.number().int().min(0).max(20).default(1),
  sixOnesHouseholdsPerYear: z.number().int().min(0).max(20).default(1),
  /** Rule P2: the year's summaries go to office staff on this day of the next year (MM-DD). */
  yearSummaryDate: monthDay.default('01-05'),

  // ── People's-condition diary (P3) ──────────────────────────────────────────────────
  /** Rule P3: diary entries a month and a year ("每月至少记录5次，全年不得少于60次"); 0 = no diary. */
  diaryEntriesPerMonth: z.number().int().min(0).max(31).default(5),
  diaryEntriesPerYear: z.number().int().min(0).max(366).default(60),
  /** Rule P3: on this day of the month those below the month's minimum are reminded. */
  diaryReminderDay: dayOfMonth.default(25),

  // ── Report-back and evaluation (E1–E3) ─────────────────────────────────────────────
  /** Rule E1: the written annual report is due by this day of the year (MM-DD). */
  annualReportDue: monthDay.default('12-31'),
  /** Rule E1: deputies without a report are reminded this many days before it is due. */
  annualReportRemindDays: z.array(z.number().int().min(1).max(90)).max(5).default([14, 3]),
  /** Rule E1: voters who must take part in an evaluation (30; some townships 50). */
  reportQuorum: z.number().int().min(1).max(10000).default(30),
  /** Rule E2: the written report reaches the voters this many days before the meeting. */
  reportToVotersDaysBefore: z.number().int().min(1).max(30).default(3),

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

/** Hour and minute of an HH:MM policy time. */
export function clockTime(hhmmText: string): { hour: number; minute: number } {
  const [hour, minute] = hhmmText.split(':').map(Number) as [number, number];
  return { hour, minute };
}

/** Minute of the day of an HH:MM policy time. */
export function minuteOfDay(hhmmText: string): number {
  const { hour, minute } = clockTime(hhmmText);
  return hour * 60 + minute;
}

/** Month and day of an MM-DD policy date. */
export function monthDayOf(text: string): { month: number; day: number } {
  const [month, day] = text.split('-').map(Number) as [number, number];
  return { month, day };
}
