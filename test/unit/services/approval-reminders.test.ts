// When approvers are reminded of a pending leave (rule L1).
import { describe, expect, it } from 'vitest';
import { approvalReminderTimes } from '../../../src/services/notices/approval-reminders.ts';

const at = (iso: string) => new Date(iso);

describe('rule L1: approval reminder times', () => {
  it('days ahead: 24 hours after submission, and the day before at 09:00 Shanghai', () => {
    expect(approvalReminderTimes(at('2026-11-23T02:00:00Z'), at('2026-11-27T06:00:00Z'))).toEqual({
      after24h: at('2026-11-24T02:00:00Z'),
      before: at('2026-11-26T01:00:00Z'),
    });
  });

  it('submitted after 09:00 the day before: 2 hours before the start, and no 24-hour reminder', () => {
    expect(approvalReminderTimes(at('2026-11-26T04:00:00Z'), at('2026-11-27T06:00:00Z'))).toEqual({ before: at('2026-11-27T04:00:00Z') });
  });

  it('the day-before reminder replaces a 24-hour one that would come later', () => {
    expect(approvalReminderTimes(at('2026-11-25T02:00:00Z'), at('2026-11-27T06:00:00Z'))).toEqual({ before: at('2026-11-26T01:00:00Z') });
  });

  it('submitted shortly before the start: no reminder (the card has just arrived)', () => {
    expect(approvalReminderTimes(at('2026-11-27T03:00:00Z'), at('2026-11-27T06:00:00Z'))).toEqual({});
  });

  it('re-planned after a move: a day-before time already past gives way to 2 hours before the start', () => {
    // Submitted Mon 10:00; at Thu 09:30 the activity moves to Fri 10:00: 09:00 Thu is past.
    const times = approvalReminderTimes(at('2026-11-23T02:00:00Z'), at('2026-11-27T02:00:00Z'), at('2026-11-26T01:30:00Z'));
    expect(times.before).toEqual(at('2026-11-27T00:00:00Z'));
  });
});
