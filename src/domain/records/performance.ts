// Rules P1, P2, P4, L3, E1: what a deputy's performance record holds for a period, and what
// follows from it: the "six ones" with what is still missing, and the year's flags. The facts
// are gathered by services/records from what is stored; these functions only judge. Pure.
import type { Policy } from '../policy.ts';
import type { RecordKind } from './record-kinds.ts';

export type Outcome = 'present' | 'leave' | 'absent';
export type Rating = '满意' | '基本满意' | '不满意';

/** One activity the deputy was invited to and that has ended (rules A6, L5). */
export interface ActivityLine {
  activityId: number;
  title: string;
  kind: string;
  unitKind: string;
  startAt: Date;
  outcome: Outcome;
  isSession: boolean;
  /** Rule A7: whether the laws were studied before (inspections and research trips); null if not asked. */
  studyHeld: boolean | null;
}

/** Everything the record holds for one deputy over one period (rule P1). */
export interface PerformanceFacts {
  personId: number;
  name: string;
  activities: ActivityLine[];
  /** Rule R2: reception days served on duty (held days up to now). */
  receptionDuties: number;
  /** Rule R3: visitors the deputy recorded at receptions. */
  visitorsRecorded: number;
  /** Rules S1–S6: suggestions raised (returned ones excluded) and the ratings they gave answers. */
  suggestions: number;
  ratings: Record<Rating, number>;
  /** Rule S5: motions signed (started or co-signed). */
  motionsSigned: number;
  /** Rule A5: written accounts completed after an activity. */
  accountsWritten: number;
  /** Rule P1: entries added by chat, by kind. */
  entries: Record<RecordKind, number>;
  /** Rule P3: people's-condition diary entries. */
  diaryEntries: number;
  /** Rule E1: a written annual report is in for the period's year. */
  annualReport: boolean;
}

export interface Attendance {
  present: number;
  leave: number;
  absent: number;
}

export function attendanceOf(lines: readonly ActivityLine[], filter: (l: ActivityLine) => boolean = () => true): Attendance {
  const picked = lines.filter(filter);
  return {
    present: picked.filter((l) => l.outcome === 'present').length,
    leave: picked.filter((l) => l.outcome === 'leave').length,
    absent: picked.filter((l) => l.outcome === 'absent').length,
  };
}

const GROUP_UNITS = new Set(['group']);
const CONTACT_KINDS = new Set(['reception', 'visit']);
export const isGroupActivity = (l: ActivityLine) => GROUP_UNITS.has(l.unitKind);

export type SixOneCode = 'group_activity' | 'survey' | 'suggestion' | 'practical' | 'contact' | 'household';

export interface SixOne {
  code: SixOneCode;
  /** The half year's or the year's. */
  span: 'half' | 'year';
  have: number;
  need: number;
  met: boolean;
}

/**
 * Rule P4, the "six ones": each half year a group activity attended and a survey of people's
 * conditions (a diary entry or a recorded visit); each year a quality suggestion, a practical
 * thing done, a contact campaign with constituents (a reception day on duty, a reception or
 * visit activity attended, or a recorded visit) and a household in difficulty helped. `half`
 * and `year` are the same deputy's facts over the half year and the year.
 */
export function sixOnes(half: PerformanceFacts, year: PerformanceFacts, policy: Policy): SixOne[] {
  const item = (code: SixOneCode, span: 'half' | 'year', have: number, need: number): SixOne => ({ code, span, have, need, met: have >= need });
  const presentAt = (f: PerformanceFacts, test: (l: ActivityLine) => boolean) => f.activities.filter((l) => l.outcome === 'present' && test(l)).length;
  return [
    item('group_activity', 'half', presentAt(half, isGroupActivity), policy.sixOnesGroupActivitiesPerHalfYear),
    item('survey', 'half', half.diaryEntries + half.entries.visit, policy.sixOnesSurveysPerHalfYear),
    item('suggestion', 'year', year.suggestions, policy.suggestionsPerDeputyYear),
    item('practical', 'year', year.entries.practical, policy.sixOnesPracticalPerYear),
    item('contact', 'year', year.receptionDuties + presentAt(year, (l) => CONTACT_KINDS.has(l.kind)) + year.entries.visit, policy.sixOnesContactsPerYear),
    item('household', 'year', year.entries.help, policy.sixOnesHouseholdsPerYear),
  ];
}

export type YearFlag = 'not_excellent' | 'no_annual_report' | 'diary_short';

export interface YearJudgement {
  flags: YearFlag[];
  /** Rule L3: group activities not attended (absent or on leave). */
  missedGroupActivities: number;
  groupAbsences: number;
  groupLeaves: number;
}

/**
 * The year's flags for the office (the bot decides nothing): rule L3 — missing group
 * activities excellentMissedGroupActivities times in a year ("每年2次不参加小组活动"), whether
 * absent or on leave, costs that year's eligibility as 优秀代表; rule E1 — no written annual
 * report; rule P3 — fewer diary entries than the year's minimum (when the organisation keeps
 * diaries).
 */
export function judgeYear(year: PerformanceFacts, policy: Policy): YearJudgement {
  const group = attendanceOf(year.activities, isGroupActivity);
  const missed = group.absent + group.leave;
  const flags: YearFlag[] = [];
  if (missed >= policy.excellentMissedGroupActivities) flags.push('not_excellent');
  if (!year.annualReport) flags.push('no_annual_report');
  if (policy.diaryEntriesPerYear > 0 && year.diaryEntries < policy.diaryEntriesPerYear) flags.push('diary_short');
  return { flags, missedGroupActivities: missed, groupAbsences: group.absent, groupLeaves: group.leave };
}

/**
 * Rule L4: the person's session outcomes, oldest first; true when the last `sessionAbsencesInRow`
 * sessions they were invited to were all unapproved absences (absent: no sign-in and no
 * approved leave). The bot only warns office staff; it decides nothing.
 */
export function sessionAbsencesInRow(outcomes: readonly Outcome[], policy: Policy): boolean {
  const n = policy.sessionAbsencesInRow;
  return outcomes.length >= n && outcomes.slice(-n).every((o) => o === 'absent');
}
