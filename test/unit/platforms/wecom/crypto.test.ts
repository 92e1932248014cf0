import { describe, expect, it } from 'vitest';
import { WecomCryptoError, decrypt, encrypt, sign, verifySignature } from '../../../../src/platforms/wecom/crypto.ts';

// The published vector (shared/docs/platforms.md, "Known vector").
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const MSG = '<xml><ToUserName><![CDATA[wwcorp]]></ToUserName></xml>';
const CIPHER =
  'sLR/n4SbHXvKAdlBki8FGJea4hafbj6G2GfwyLO6kgGIgKzugGKkJCc0JAhc5eeKF5rN1EN82tkUEI+FcZVabLaSBLa8bTB99pQebHiAvrQjO9ZlrDn2m/AuBHYD1CQ7';

describe('WeCom callback crypto', () => {
  it('encrypts the known vector to the published ciphertext and signature', () => {
    expect(encrypt(KEY, MSG, 'wwcorp', Buffer.alloc(16))).toBe(CIPHER);
    expect(sign('token123', '1700000000', 'nonce1', CIPHER)).toBe('38840e84870e3fc65817fa24d12ee99547bfa81c');
  });

  it('decrypts the known vector and checks the receive id', () => {
    expect(decrypt(KEY, CIPHER, 'wwcorp')).toBe(MSG);
    expect(() => decrypt(KEY, CIPHER, 'otherCorp')).toThrowError(expect.objectContaining({ reason: 'wrong_receive_id' }));
  });

  it('round-trips Chinese text with a random prefix', () => {
    const message = '<xml><Content><![CDATA[我要请假，明天上午9点]]></Content></xml>';
    const sealed = encrypt(KEY, message, 'ww1');
    expect(decrypt(KEY, sealed, 'ww1')).toBe(message);
    expect(encrypt(KEY, message, 'ww1')).not.toBe(sealed);
  });

  it('accepts the right signature and refuses a wrong or truncated one', () => {
    const params = { signature: '38840e84870e3fc65817fa24d12ee99547bfa81c', timestamp: '1700000000', nonce: 'nonce1' };
    expect(() => verifySignature('token123', params, CIPHER)).not.toThrow();
    expect(() => verifySignature('token123', { ...params, signature: params.signature.toUpperCase() }, CIPHER)).not.toThrow();
    for (const signature of ['0'.repeat(40), params.signature.slice(0, 39), '']) {
      expect(() => verifySignature('token123', { ...params, signature }, CIPHER)).toThrow(WecomCryptoError);
    }
    expect(() => verifySignature('token123', { ...params, nonce: 'nonce2' }, CIPHER)).toThrow(WecomCryptoError);
  });

  it('refuses truncated, non-base64 and wrong-key ciphertexts as undecryptable', () => {
    const cases = [CIPHER.slice(0, 40), CIPHER.slice(0, -4), 'not base64!!', ''];
    for (const c of cases) {
      expect(() => decrypt(KEY, c, 'wwcorp')).toThrowError(expect.objectContaining({ reason: 'undecryptable' }));
    }
    const otherKey = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg';
    expect(() => decrypt(otherKey, CIPHER, 'wwcorp')).toThrow(WecomCryptoError);
  });
});
