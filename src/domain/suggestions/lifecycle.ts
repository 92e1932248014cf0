// The suggestion lifecycle (rules S1–S4) as one explicit table: each action, the statuses it
// may start from, where it leads, and who may take it. Everything that changes a suggestion
// (chat, command line, the staff console) asks this table first. Pure: no I/O.
//
//   提交 → 登记 → 交办 → 办理中 → 已答复 → 已评价 → 办结
//   登记 may also 退回 (back to the deputy, with a reason) or 合并 (into another suggestion);
//   不满意 reopens an answered suggestion to 办理中, and the next answer is rated again (S3).

export const SUGGESTION_STATUSES = [
  'submitted', 'registered', 'assigned', 'in_progress', 'answered', 'rated', 'closed', 'returned', 'merged',
] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** How statuses print, in chat and on the command line. */
export const STATUS_LABEL: Record<SuggestionStatus, string> = {
  submitted: '提交',
  registered: '登记',
  assigned: '交办',
  in_progress: '办理中',
  answered: '已答复',
  rated: '已评价',
  closed: '办结',
  returned: '退回',
  merged: '已合并',
};

export const SUGGESTION_ACTIONS = [
  'submit', 'register', 'return', 'merge', 'assign', 'accept', 'talk',
  'request_extension', 'extend', 'answer', 'rate', 'rate_unsatisfied', 'close',
] as const;
export type SuggestionAction = (typeof SUGGESTION_ACTIONS)[number];

export const ACTION_LABEL: Record<SuggestionAction, string> = {
  submit: '提交',
  register: '登记',
  return: '退回',
  merge: '合并',
  assign: '交办',
  accept: '签收',
  talk: '面商',
  request_extension: '申请延期',
  extend: '延期',
  answer: '答复',
  rate: '评价',
  rate_unsatisfied: '评价不满意',
  close: '办结',
};

/**
 * Who stands where towards one suggestion: the office (U4 assigns and oversees), the handler of
 * its lead or a co-handling department (a 工作人员 on the roster whose work unit is that
 * department), and the deputy who raised it.
 */
export type SuggestionRole = 'office' | 'lead_handler' | 'co_handler' | 'submitter';

interface Rule {
  from: readonly SuggestionStatus[];
  /** 'same': the status stays (a 面商 or an extension is still recorded as a transition). */
  to: SuggestionStatus | 'same';
  by: readonly SuggestionRole[];
}

export const TRANSITIONS: Readonly<Record<SuggestionAction, Rule>> = {
  submit: { from: [], to: 'submitted', by: ['submitter'] },
  register: { from: ['submitted'], to: 'registered', by: ['office'] },
  return: { from: ['submitted', 'registered'], to: 'returned', by: ['office'] },
  merge: { from: ['submitted', 'registered'], to: 'merged', by: ['office'] },
  // A second 交办 before the department has signed for it corrects a wrong assignment.
  assign: { from: ['registered', 'assigned'], to: 'assigned', by: ['office'] },
  accept: { from: ['assigned'], to: 'in_progress', by: ['office', 'lead_handler'] },
  // Rule S2: those handling it talk with the deputy face to face; that is handling begun.
  talk: { from: ['assigned', 'in_progress'], to: 'in_progress', by: ['office', 'lead_handler', 'co_handler'] },
  // Rule S1: the department reports that it needs longer; the office approves (extend).
  request_extension: { from: ['assigned', 'in_progress'], to: 'same', by: ['lead_handler'] },
  extend: { from: ['assigned', 'in_progress'], to: 'same', by: ['office'] },
  answer: { from: ['assigned', 'in_progress'], to: 'answered', by: ['office', 'lead_handler'] },
  // Rule S3: 满意 / 基本满意 end the handling; 不满意 sends it back to be handled again.
  rate: { from: ['answered'], to: 'rated', by: ['submitter'] },
  rate_unsatisfied: { from: ['answered'], to: 'in_progress', by: ['submitter'] },
  close: { from: ['rated'], to: 'closed', by: ['office'] },
};

export type TransitionCheck =
  | { ok: true; from: SuggestionStatus; to: SuggestionStatus }
  /** not_yours: this person has no part in this step; wrong_status: not now. */
  | { ok: false; reason: 'not_yours' | 'wrong_status'; status: SuggestionStatus };

/** Whether `roles` may take `action` on a suggestion in `status`, and where it leads. */
export function checkTransition(status: SuggestionStatus, action: SuggestionAction, roles: ReadonlySet<SuggestionRole>): TransitionCheck {
  const rule = TRANSITIONS[action];
  if (!rule.by.some((r) => roles.has(r))) return { ok: false, reason: 'not_yours', status };
  if (!rule.from.includes(status)) return { ok: false, reason: 'wrong_status', status };
  return { ok: true, from: status, to: rule.to === 'same' ? status : rule.to };
}

/** The statuses an action may start from (for the conditional update that applies it). */
export function allowedFrom(action: SuggestionAction): readonly SuggestionStatus[] {
  return TRANSITIONS[action].from;
}

/** Still waiting for assignment (rule S1's first deadline applies). */
export const AWAITING_ASSIGNMENT: readonly SuggestionStatus[] = ['submitted', 'registered'];
/** With a department, waiting for its answer (rule S1's answer deadline applies). */
export const AWAITING_ANSWER: readonly SuggestionStatus[] = ['assigned', 'in_progress'];
/** Finished one way or another: nothing more is asked of anyone. */
export const FINISHED: readonly SuggestionStatus[] = ['closed', 'returned', 'merged'];

export function isStatus(value: string): value is SuggestionStatus {
  return (SUGGESTION_STATUSES as readonly string[]).includes(value);
}

/** A status from its Chinese label or its code (提交, 办理中, in_progress). */
export function parseStatus(text: string): SuggestionStatus | undefined {
  const t = text.trim();
  if (isStatus(t)) return t;
  return SUGGESTION_STATUSES.find((s) => STATUS_LABEL[s] === t || STATUS_LABEL[s].replace(/^已/, '') === t);
}

/** The deputy's ratings of an answer (rule S3). */
export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];

/** Rule S3: 不满意 reopens; the others settle the answer. */
export function ratingAction(rating: Rating): 'rate' | 'rate_unsatisfied' {
  return rating === '不满意' ? 'rate_unsatisfied' : 'rate';
}

/** How an answer reached the deputy (rule S1 asks for writing; the register records the form). */
export const ANSWER_FORMS = ['书面', '电话', '面谈'] as const;
export type AnswerForm = (typeof ANSWER_FORMS)[number];
