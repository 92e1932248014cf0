import { describe, expect, it } from 'vitest';
import { countsTowardsQuota, leavesRemaining, mayDecideLeave, refuseLeave } from '../../../src/domain/leave-rules.ts';
import { DEFAULT_POLICY } from '../../../src/domain/policy.ts';

const now = new Date('2026-11-23T02:00:00Z');
const group = { startAt: new Date('2026-11-27T06:00:00Z'), status: 'scheduled', unit: { kind: 'group' } };
const base = { activity: group, invited: true, usedThisYear: 0, alreadyRequested: false };

describe('leave rules', () => {
  it('rule L2: the third group leave of a year is refused; the quota comes from the policy', () => {
    expect(refuseLeave({ ...base, usedThisYear: 1 }, DEFAULT_POLICY, now)).toBeUndefined();
    expect(refuseLeave({ ...base, usedThisYear: 2 }, DEFAULT_POLICY, now)).toBe('quota_reached');
    expect(refuseLeave({ ...base, usedThisYear: 2 }, { ...DEFAULT_POLICY, leavesPerYear: 3 }, now)).toBeUndefined();
    expect(leavesRemaining(1, DEFAULT_POLICY)).toBe(1);
  });

  it('rule L2: station activities have no yearly quota', () => {
    const station = { ...group, unit: { kind: 'station' } };
    expect(refuseLeave({ ...base, activity: station, usedThisYear: 5 }, DEFAULT_POLICY, now)).toBeUndefined();
  });

  it('rule L2: only group activities count towards the quota (stations, receptions and the office do not)', () => {
    expect(countsTowardsQuota(group)).toBe(true);
    expect(['station', 'office'].map((kind) => countsTowardsQuota({ unit: { kind } }))).toEqual([false, false]);
  });

  it('rule L1: leave is asked in advance — not once the activity has started', () => {
    expect(refuseLeave({ ...base, activity: { ...group, startAt: now } }, DEFAULT_POLICY, now)).toBe('already_started');
  });

  it('refuses cancelled activities, repeats and people not invited', () => {
    expect(refuseLeave({ ...base, activity: { ...group, status: 'cancelled' } }, DEFAULT_POLICY, now)).toBe('cancelled');
    expect(refuseLeave({ ...base, alreadyRequested: true }, DEFAULT_POLICY, now)).toBe('already_requested');
    expect(refuseLeave({ ...base, invited: false }, DEFAULT_POLICY, now)).toBe('not_invited');
  });

  it('only the unit\'s leads or office staff decide, never the requester', () => {
    const unit = { id: 7, kind: 'group', name: '第一代表小组' };
    const leader = { id: 1, levels: ['县区'], isStaff: false, memberships: [{ role: 'leader', unit }] };
    const member = { id: 2, levels: ['县区'], isStaff: false, memberships: [{ role: 'member', unit }] };
    const office = { id: 3, levels: [], isStaff: true, memberships: [{ role: 'staff', unit: { id: 9, kind: 'office', name: '办公室' } }] };
    expect(mayDecideLeave(leader, 7, 2)).toBe(true);
    expect(mayDecideLeave(leader, 8, 2)).toBe(false);
    expect(mayDecideLeave(member, 7, 1)).toBe(false);
    expect(mayDecideLeave(office, 7, 2)).toBe(true);
    expect(mayDecideLeave(leader, 7, 1)).toBe(false);
  });
});
