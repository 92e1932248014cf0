// DingTalk HTTP robot mode's request signature (platforms.md §6).
import { describe, expect, it } from 'vitest';
import { checkSign, dingtalkSign } from '../../../../src/platforms/dingtalk/http-receiver.ts';

describe('DingTalk HTTP sign', () => {
  it('matches the documented vector', () => {
    expect(dingtalkSign('1700000000000', 'testsecret')).toBe('d043yCasNZ+KC1N0lrVg+Aan0gEIKPvRfzRqMlUUwzk=');
  });

  it('accepts a good sign inside the skew window; refuses a bad, a missing or a stale one', () => {
    const ts = '1700000000000';
    const sign = dingtalkSign(ts, 'testsecret');
    expect(checkSign(ts, sign, 'testsecret', 1_700_000_100_000, 300)).toBeUndefined();
    expect(checkSign(ts, sign.replace('d043', 'd044'), 'testsecret', 1_700_000_000_000, 300)).toBe('bad sign');
    expect(checkSign(ts, 'short', 'testsecret', 1_700_000_000_000, 300)).toBe('bad sign');
    expect(checkSign(undefined, sign, 'testsecret', 1_700_000_000_000, 300)).toBe('missing timestamp or sign');
    expect(checkSign(ts, sign, 'testsecret', 1_700_000_000_000 + 301_000, 300)).toBe('stale timestamp');
  });
});
