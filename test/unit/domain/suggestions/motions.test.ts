import { describe, expect, it } from 'vitest';
import { completingSigner } from '../../../../src/domain/suggestions/motions.ts';

const at = (iso: string | null) => (iso ? new Date(iso) : null);

describe('completingSigner (rule S5)', () => {
  it('rule S5: the signature that reached the minimum, in signing order; nobody before it', () => {
    const signers = [
      { personId: 1, signedAt: at('2026-11-23T02:00:00Z') },
      { personId: 2, signedAt: at('2026-11-23T02:01:00Z') },
      { personId: 3, signedAt: null },
      { personId: 4, signedAt: at('2026-11-23T02:02:00Z') },
    ];
    expect(completingSigner(signers, 3)).toBe(4);
    expect(completingSigner(signers, 4)).toBeUndefined();
  });

  it('rule S5: two signatures in the same instant: the list order (invitation) decides, the same for every caller', () => {
    const same = at('2026-11-23T02:05:00Z');
    const signers = [{ personId: 1, signedAt: at('2026-11-23T02:00:00Z') }, { personId: 7, signedAt: same }, { personId: 9, signedAt: same }];
    expect(completingSigner(signers, 2)).toBe(7);
  });
});
