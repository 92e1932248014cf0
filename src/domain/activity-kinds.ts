// Rule A1: the kinds of activity, with the words people type for them.
export const ACTIVITY_KINDS = {
  study: '学习',
  inspection: '视察',
  research: '调研',
  law_check: '执法检查',
  visit: '走访座谈',
  reception: '接待选民',
  report_back: '述职',
  exchange: '经验交流',
  training: '培训',
  /** Meetings, among them the congress's sessions (marked as such: rule L4). */
  meeting: '会议',
} as const;

export type ActivityKind = keyof typeof ACTIVITY_KINDS;

const ALIASES: Record<string, ActivityKind> = {
  学习: 'study',
  集中学习: 'study',
  视察: 'inspection',
  调研: 'research',
  执法检查: 'law_check',
  走访: 'visit',
  座谈: 'visit',
  走访座谈: 'visit',
  接待: 'reception',
  接待选民: 'reception',
  述职: 'report_back',
  经验交流: 'exchange',
  交流: 'exchange',
  培训: 'training',
  会议: 'meeting',
  代表大会: 'meeting',
};

/** The kind for a code (study) or a Chinese word (学习); undefined when it is none of A1. */
export function parseActivityKind(text: string): ActivityKind | undefined {
  const t = text.trim();
  if (t in ACTIVITY_KINDS) return t as ActivityKind;
  return ALIASES[t];
}
