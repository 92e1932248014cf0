import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, resolvePolicy, resolvePolicyFields } from '../../../src/domain/policy.ts';

describe('organisation policy', () => {
  it('has the seeds\' defaults when nothing is stored', () => {
    expect(resolvePolicy(null)).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.leavesPerYear).toBe(2);
    expect(DEFAULT_POLICY.supervisingBody).toBe('县人大常委会代表联络工委');
  });

  it('rule U4: a township names its own supervising body', () => {
    expect(resolvePolicy(JSON.stringify({ supervisingBody: '城关镇人大主席团' })).supervisingBody).toBe('城关镇人大主席团');
  });

  it('merges field by field: one bad field falls back and is reported, the rest are kept', () => {
    const { policy, rejected } = resolvePolicyFields(JSON.stringify({ leavesPerYear: 3, dialogMaxInvalid: 'many', colour: 'red' }));
    expect(policy.leavesPerYear).toBe(3);
    expect(policy.dialogMaxInvalid).toBe(DEFAULT_POLICY.dialogMaxInvalid);
    expect(rejected.map((r) => r.key).sort()).toEqual(['colour', 'dialogMaxInvalid']);
  });

  it('a stored value that is not a JSON object falls back whole and says so', () => {
    expect(resolvePolicyFields('{oops').rejected).toEqual([{ key: '*', problem: 'not JSON' }]);
    expect(resolvePolicyFields('[1]').policy).toEqual(DEFAULT_POLICY);
  });
});
