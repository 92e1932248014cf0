// Which activities go into the meeting register and which into the activity register. The
// county group rule: "代表小组活动既可以采取学习研讨会、经验交流会的形式，也可以采取组织代表开展
// 专题调研、视察、走访座谈等形式" — study sessions, experience exchanges (and, held the same way
// around a table, training and report-back meetings) are meetings; inspections, research,
// law-enforcement checks, visits and receptions are activities held in the field. An activity
// kind this bot does not know yet (a congress session, say) counts as a meeting when its code
// says so. Rule A1 kinds.
import type { ActivityKind } from '../activity-kinds.ts';

export const MEETING_KINDS: ReadonlySet<string> = new Set<ActivityKind | 'meeting' | 'session'>(['study', 'exchange', 'training', 'report_back', 'meeting', 'session']);

export function isMeetingKind(kind: string): boolean {
  return MEETING_KINDS.has(kind);
}
