import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../../src/lib/clock.ts';
import { StaleCallbackError, verifySignedAndFresh } from '../../../../src/platforms/wecom/callback-guard.ts';
import { sign, WecomCryptoError } from '../../../../src/platforms/wecom/crypto.ts';

const TOKEN = 'testtoken123';
const NOW = '2026-11-23T02:00:00Z';
const nowS = Date.parse(NOW) / 1000;
const freshness = { clock: fixedClock(NOW), maxSkewSeconds: 300 };

function check(timestamp: string, signature = sign(TOKEN, timestamp, 'n', 'ENC')) {
  return () => verifySignedAndFresh(TOKEN, { msg_signature: signature, timestamp, nonce: 'n' }, 'ENC', freshness);
}

describe('callback freshness', () => {
  it('accepts a timestamp up to the limit either side, both edges included', () => {
    for (const d of [-300, -20, 0, 20, 300]) expect(check(String(nowS + d))).not.toThrow();
  });

  it('refuses one second past the limit, before or after, saying by how much', () => {
    expect(check(String(nowS - 301))).toThrow(new StaleCallbackError("timestamp is 301 s behind the server's clock (at most 300 s allowed)"));
    expect(check(String(nowS + 301))).toThrow(/301 s ahead of the server's clock/);
  });

  it('refuses a signed timestamp that is not whole seconds as stale', () => {
    expect(check('1700000000000000')).toThrow(StaleCallbackError);
    expect(check('soon')).toThrow(/not a whole number of seconds/);
  });

  it('checks the signature first: a forged old callback is a bad signature', () => {
    expect(check('1', 'a'.repeat(40))).toThrow(WecomCryptoError);
  });
});
