// Rules A6 and L5: one attendance state per (activity, person), changed only by the
// transitions in TRANSITIONS. Before and during an activity a person is invited (no answer),
// attending (answered 参加), leave_pending (asked for leave), on_leave (leave approved, L5),
// leave_rejected (expected to come) or present (signed in); once it has ended, each is
// present, on leave or absent (A6). Everything that changes attendance — the notice card's
// buttons, 请假, 撤回请假, a leave decision, 签到 and 代签 — asks this table first, so a chat,
// a console page or a DingTalk card get the same answer. Pure: no I/O, no clock.

export const ATTENDANCE_STATES = ['invited', 'attending', 'leave_pending', 'on_leave', 'leave_rejected', 'present'] as const;
export type AttendanceState = (typeof ATTENDANCE_STATES)[number];

export const ATTENDANCE_ACTIONS = [
  'attend',
  'request_leave',
  'withdraw_leave',
  'approve_leave',
  'reject_leave',
  'sign_in',
  'proxy_sign_in',
] as const;
export type AttendanceAction = (typeof ATTENDANCE_ACTIONS)[number];

/** Rule A6: what the record says once the activity has ended. */
export type FinalAttendance = 'present' | 'on_leave' | 'absent';

/**
 * The allowed transitions: state → action → the state it leads to. An action missing from a
 * state's row is a conflict, answered with one sentence saying what is recorded and what to do.
 */
export const TRANSITIONS: Readonly<Record<AttendanceState, Partial<Record<AttendanceAction, AttendanceState>>>> = {
  invited: { attend: 'attending', request_leave: 'leave_pending', sign_in: 'present', proxy_sign_in: 'present' },
  // A person who said 参加 may still ask for leave before the start (rule L1).
  attending: { attend: 'attending', request_leave: 'leave_pending', sign_in: 'present', proxy_sign_in: 'present' },
  // Waiting for a decision: coming after all means withdrawing the request first.
  leave_pending: { withdraw_leave: 'attending', approve_leave: 'on_leave', reject_leave: 'leave_rejected' },
  // Rule L5: on leave, not absent. Coming after all means withdrawing the leave first.
  on_leave: { withdraw_leave: 'attending' },
  // A rejected leave means the person is expected; the one written request was used (L1).
  leave_rejected: { attend: 'attending', sign_in: 'present', proxy_sign_in: 'present' },
  // Signed in is final: no leave for an activity one is at (rule A6).
  present: {},
};

export type Transition = { ok: true; from: AttendanceState; to: AttendanceState } | { ok: false; conflict: AttendanceState };

export function transition(state: AttendanceState, action: AttendanceAction): Transition {
  const to = TRANSITIONS[state][action];
  return to ? { ok: true, from: state, to } : { ok: false, conflict: state };
}

/** The states an action may start from: the guard of the one conditional write that applies it. */
export function statesAllowing(action: AttendanceAction): AttendanceState[] {
  return ATTENDANCE_STATES.filter((s) => TRANSITIONS[s][action] !== undefined);
}

/** The actions a state allows (a card offers exactly these buttons). */
export function actionsAllowed(state: AttendanceState): AttendanceAction[] {
  return ATTENDANCE_ACTIONS.filter((a) => TRANSITIONS[state][a] !== undefined);
}

/** Rule A6 (and L5): after the end only approved leave excuses; anything short of signing in is absence. */
export function finalAttendance(state: AttendanceState): FinalAttendance {
  if (state === 'present') return 'present';
  if (state === 'on_leave') return 'on_leave';
  return 'absent';
}
