import { describe, expect, it } from 'vitest';
import { mayRetryUnknown, refuseRepeat, wantsRepeatProtection } from '../../../src/jobs/outbox-repeat-policy.ts';
import type { RepeatGuard } from '../../../src/platforms/types.ts';

const H = 3600_000;
const MARGIN = 10 * 60_000;
const first = new Date('2026-11-23T01:00:00Z');
const at = (ms: number) => new Date(first.getTime() + ms);
const window: RepeatGuard = { kind: 'window', windowMs: 4 * H };
const row = (over: Partial<{ maybeDelivered: boolean; unguarded: boolean; recipient: string }> = {}) => ({
  maybeDelivered: true, unguarded: false, firstAttemptAt: first, recipient: 'zhangsan', ...over,
});

describe('refuseRepeat: may a row that may have arrived be sent again now?', () => {
  it('a row with no unknown outcome is a first send, whatever the guard', () => {
    expect(refuseRepeat(row({ maybeDelivered: false }), { kind: 'none' }, [], at(10 * H), MARGIN)).toBeUndefined();
  });

  it('inside the duplicate-check window yes; at the window\'s end minus the margin, no', () => {
    expect(refuseRepeat(row(), window, [], at(3 * H), MARGIN)).toBeUndefined();
    expect(refuseRepeat(row(), window, [], at(4 * H - MARGIN), MARGIN)).toMatch(/window/);
  });

  it('a card or a one-use code (unique ids) may always be repeated; a group text (no guard) never', () => {
    expect(refuseRepeat(row(), { kind: 'unique' }, [], at(100 * H), MARGIN)).toBeUndefined();
    expect(refuseRepeat(row(), { kind: 'none' }, [], at(1000), MARGIN)).toMatch(/no protection/);
  });

  it('a row that went out unguarded is never repeated', () => {
    expect(refuseRepeat(row({ unguarded: true }), window, [], at(1000), MARGIN)).toMatch(/without/);
  });

  it('a twin to the same person since the first try makes a repeat unsafe; one to someone else or before does not', () => {
    expect(refuseRepeat(row(), window, [{ recipient: 'zhangsan', lastAttemptAt: at(60_000) }], at(H), MARGIN)).toMatch(/same text/);
    expect(refuseRepeat(row(), window, [{ recipient: 'lisi|wangwu', lastAttemptAt: at(60_000) }], at(H), MARGIN)).toBeUndefined();
    expect(refuseRepeat(row(), window, [{ recipient: 'zhangsan', lastAttemptAt: at(-60_000) }], at(H), MARGIN)).toBeUndefined();
    expect(refuseRepeat(row(), window, [{ recipient: 'lisi|zhangsan', lastAttemptAt: at(60_000) }], at(H), MARGIN)).toMatch(/same text/);
  });
});

describe('wantsRepeatProtection: ask the platform to drop repeats?', () => {
  it('yes, unless a twin to one of the recipients went out inside the window', () => {
    const now = at(H);
    expect(wantsRepeatProtection(row(), window, [], now, MARGIN)).toBe(true);
    expect(wantsRepeatProtection(row(), window, [{ recipient: 'zhangsan', lastAttemptAt: at(-2 * H) }], now, MARGIN)).toBe(false);
    expect(wantsRepeatProtection(row(), window, [{ recipient: 'zhangsan', lastAttemptAt: at(-3 * H - 11 * 60_000) }], now, MARGIN)).toBe(true);
    expect(wantsRepeatProtection(row(), window, [{ recipient: 'lisi', lastAttemptAt: now }], now, MARGIN)).toBe(true);
  });

  it('cards always ask (their task_id makes them unique); an unguarded row stays unguarded', () => {
    expect(wantsRepeatProtection(row(), { kind: 'unique' }, [{ recipient: 'zhangsan', lastAttemptAt: first }], first, MARGIN)).toBe(true);
    expect(wantsRepeatProtection(row({ unguarded: true }), window, [], first, MARGIN)).toBe(false);
  });
});

describe('mayRetryUnknown: after a lost answer, may the next try repeat it?', () => {
  it('only a protected try, and only if the next try still falls inside the window', () => {
    expect(mayRetryUnknown(row(), window, true, at(H), MARGIN)).toBe(true);
    expect(mayRetryUnknown(row(), window, false, at(H), MARGIN)).toBe(false);
    expect(mayRetryUnknown(row(), window, true, at(4 * H - MARGIN), MARGIN)).toBe(false);
  });

  it('a one-use reply URL only before it expires; nothing unguarded', () => {
    expect(mayRetryUnknown(row(), { kind: 'unique', expiresAt: at(H) }, true, at(H - 1), MARGIN)).toBe(true);
    expect(mayRetryUnknown(row(), { kind: 'unique', expiresAt: at(H) }, true, at(H), MARGIN)).toBe(false);
    expect(mayRetryUnknown(row(), { kind: 'none' }, true, at(1), MARGIN)).toBe(false);
  });
});
