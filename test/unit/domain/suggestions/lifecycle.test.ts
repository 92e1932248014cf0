// The whole transition table of a suggestion (rules S1–S4), written out here as the
// specification: every action from every status by every role, allowed or refused.
import { describe, expect, it } from 'vitest';
import {
  checkTransition, parseStatus, STATUS_LABEL, SUGGESTION_ACTIONS, SUGGESTION_STATUSES,
  type SuggestionAction, type SuggestionRole, type SuggestionStatus,
} from '../../../../src/domain/suggestions/lifecycle.ts';

/** action → status it may start from → status it leads to. Anything missing is refused. */
const ALLOWED: Record<SuggestionAction, Partial<Record<SuggestionStatus, SuggestionStatus>>> = {
  submit: {},
  register: { submitted: 'registered' },
  return: { submitted: 'returned', registered: 'returned' },
  merge: { submitted: 'merged', registered: 'merged' },
  assign: { registered: 'assigned', assigned: 'assigned' },
  accept: { assigned: 'in_progress' },
  talk: { assigned: 'in_progress', in_progress: 'in_progress' },
  request_extension: { assigned: 'assigned', in_progress: 'in_progress' },
  extend: { assigned: 'assigned', in_progress: 'in_progress' },
  answer: { assigned: 'answered', in_progress: 'answered' },
  rate: { answered: 'rated' },
  rate_unsatisfied: { answered: 'in_progress' },
  close: { rated: 'closed' },
};

/** action → who may take it. */
const WHO: Record<SuggestionAction, SuggestionRole[]> = {
  submit: ['submitter'],
  register: ['office'],
  return: ['office'],
  merge: ['office'],
  assign: ['office'],
  accept: ['office', 'lead_handler'],
  talk: ['office', 'lead_handler', 'co_handler'],
  request_extension: ['lead_handler'],
  extend: ['office'],
  answer: ['office', 'lead_handler'],
  rate: ['submitter'],
  rate_unsatisfied: ['submitter'],
  close: ['office'],
};

const ROLES: SuggestionRole[] = ['office', 'lead_handler', 'co_handler', 'submitter'];

describe('suggestion transitions (rules S1–S4)', () => {
  for (const action of SUGGESTION_ACTIONS) {
    it(`rule S1: ${action} — every status, every role, allowed or refused`, () => {
      for (const status of SUGGESTION_STATUSES) {
        for (const role of ROLES) {
          const result = checkTransition(status, action, new Set([role]));
          const to = ALLOWED[action][status];
          if (!WHO[action].includes(role)) expect(result, `${action} by ${role} from ${status}`).toEqual({ ok: false, reason: 'not_yours', status });
          else if (!to) expect(result, `${action} from ${status}`).toEqual({ ok: false, reason: 'wrong_status', status });
          else expect(result).toEqual({ ok: true, from: status, to });
        }
      }
    });
  }

  it('rule S3: 不满意 reopens an answered suggestion to 办理中 and the next answer is rated again', () => {
    const office = new Set<SuggestionRole>(['office']);
    const deputy = new Set<SuggestionRole>(['submitter']);
    expect(checkTransition('answered', 'rate_unsatisfied', deputy)).toMatchObject({ ok: true, to: 'in_progress' });
    expect(checkTransition('in_progress', 'answer', office)).toMatchObject({ ok: true, to: 'answered' });
    expect(checkTransition('answered', 'rate', deputy)).toMatchObject({ ok: true, to: 'rated' });
    // A rating is final: a rated answer cannot be rated again.
    expect(checkTransition('rated', 'rate_unsatisfied', deputy)).toMatchObject({ ok: false, reason: 'wrong_status' });
  });

  it('a person with several roles may do what any of them allows', () => {
    expect(checkTransition('assigned', 'answer', new Set<SuggestionRole>(['submitter', 'lead_handler']))).toMatchObject({ ok: true });
  });

  it('statuses print in Chinese and parse back from the label', () => {
    expect(SUGGESTION_STATUSES.map((s) => STATUS_LABEL[s])).toEqual(['提交', '登记', '交办', '办理中', '已答复', '已评价', '办结', '退回', '已合并']);
    for (const s of SUGGESTION_STATUSES) expect(parseStatus(STATUS_LABEL[s])).toBe(s);
    expect(parseStatus('答复')).toBe('answered');
    expect(parseStatus('in_progress')).toBe('in_progress');
    expect(parseStatus('待办')).toBeUndefined();
  });
});
