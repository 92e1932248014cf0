// Rules A6 and L5: the whole transition table, written out here independently of the module,
// so any change to what an attendance state allows shows up as a failing line.
import { describe, expect, it } from 'vitest';
import {
  ATTENDANCE_ACTIONS,
  ATTENDANCE_STATES,
  actionsAllowed,
  finalAttendance,
  statesAllowing,
  transition,
  type AttendanceAction,
  type AttendanceState,
} from '../../../src/domain/attendance-state.ts';

const x = undefined; // a conflict
// Columns: attend, request_leave, withdraw_leave, approve_leave, reject_leave, sign_in, proxy_sign_in
const EXPECTED: Record<AttendanceState, (AttendanceState | undefined)[]> = {
  invited: ['attending', 'leave_pending', x, x, x, 'present', 'present'],
  attending: ['attending', 'leave_pending', x, x, x, 'present', 'present'],
  leave_pending: [x, x, 'attending', 'on_leave', 'leave_rejected', x, x],
  on_leave: [x, x, 'attending', x, x, x, x],
  leave_rejected: ['attending', x, x, x, x, 'present', 'present'],
  present: [x, x, x, x, x, x, x],
};

describe('rules A6, L5: the attendance state machine', () => {
  it('covers every state and action', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ATTENDANCE_STATES].sort());
    expect(ATTENDANCE_ACTIONS).toEqual(['attend', 'request_leave', 'withdraw_leave', 'approve_leave', 'reject_leave', 'sign_in', 'proxy_sign_in']);
  });

  const cells = ATTENDANCE_STATES.flatMap((state) =>
    ATTENDANCE_ACTIONS.map((action, i) => ({ state, action, to: EXPECTED[state][i] })),
  );
  it.each(cells)('rule A6/L5: $state + $action → $to', ({ state, action, to }) => {
    expect(transition(state, action)).toEqual(to ? { ok: true, from: state, to } : { ok: false, conflict: state });
  });

  it('rule L5: approved leave cannot sit beside a sign-in — neither order is allowed', () => {
    expect(transition('on_leave', 'sign_in').ok).toBe(false);
    expect(transition('on_leave', 'proxy_sign_in').ok).toBe(false);
    expect(transition('present', 'request_leave').ok).toBe(false);
    expect(transition('present', 'withdraw_leave').ok).toBe(false);
  });

  it('rule L5: 参加 after an approved or pending leave is a conflict; withdrawing leads back to attending', () => {
    expect(transition('on_leave', 'attend')).toEqual({ ok: false, conflict: 'on_leave' });
    expect(transition('leave_pending', 'attend')).toEqual({ ok: false, conflict: 'leave_pending' });
    expect(transition('on_leave', 'withdraw_leave')).toEqual({ ok: true, from: 'on_leave', to: 'attending' });
  });

  it('statesAllowing is the guard of the conditional write (every state with that action)', () => {
    const expected = (a: AttendanceAction) => ATTENDANCE_STATES.filter((s) => EXPECTED[s][ATTENDANCE_ACTIONS.indexOf(a)]);
    for (const action of ATTENDANCE_ACTIONS) expect(statesAllowing(action)).toEqual(expected(action));
    expect(statesAllowing('sign_in')).toEqual(['invited', 'attending', 'leave_rejected']);
  });

  it('actionsAllowed: what a card may offer in each state', () => {
    expect(actionsAllowed('invited')).toEqual(['attend', 'request_leave', 'sign_in', 'proxy_sign_in']);
    expect(actionsAllowed('on_leave')).toEqual(['withdraw_leave']);
    expect(actionsAllowed('leave_pending')).toEqual(['withdraw_leave', 'approve_leave', 'reject_leave']);
    expect(actionsAllowed('present')).toEqual([]);
  });

  it('rule A6: after the end everyone is present, on leave or absent; a pending or rejected leave is absence (L5)', () => {
    expect(ATTENDANCE_STATES.map((s) => [s, finalAttendance(s)])).toEqual([
      ['invited', 'absent'],
      ['attending', 'absent'],
      ['leave_pending', 'absent'],
      ['on_leave', 'on_leave'],
      ['leave_rejected', 'absent'],
      ['present', 'present'],
    ]);
  });
});
