// WeCom callback crypto (pure): SHA-1 signature over the sorted strings, AES-256-CBC with
// 32-byte PKCS#7 padding, via the vendor's @wecom/crypto. Adds what the package leaves out:
// a constant-time signature compare, input validation and the receive-id check.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as wecomCrypto from '@wecom/crypto';

export class WecomCryptoError extends Error {
  constructor(
    readonly reason: 'bad_signature' | 'undecryptable' | 'wrong_receive_id',
    message: string,
  ) {
    super(message);
    this.name = 'WecomCryptoError';
  }
}

export function sign(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return wecomCrypto.getSignature(token, timestamp, nonce, encrypted);
}

export function verifySignature(
  token: string,
  params: { signature: string; timestamp: string; nonce: string },
  encrypted: string,
): void {
  const expected = Buffer.from(sign(token, params.timestamp, params.nonce, encrypted), 'utf8');
  const given = Buffer.from(params.signature.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new WecomCryptoError('bad_signature', 'signature does not match');
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decrypts and checks that the message was meant for `receiveId` (the corp id). */
export function decrypt(aesKey: string, encrypted: string, receiveId: string): string {
  const bytes = BASE64.test(encrypted) ? Buffer.from(encrypted, 'base64') : Buffer.alloc(0);
  if (bytes.length < 32 || bytes.length % 32 !== 0) {
    throw new WecomCryptoError('undecryptable', 'ciphertext is not a whole number of 32-byte blocks');
  }
  let plain: { message: string; id: string };
  try {
    plain = wecomCrypto.decrypt(aesKey, encrypted);
  } catch {
    throw new WecomCryptoError('undecryptable', 'ciphertext does not decrypt with this key');
  }
  if (plain.id !== receiveId) {
    throw new WecomCryptoError('wrong_receive_id', 'message is addressed to another receive id');
  }
  return plain.message;
}

export function encrypt(aesKey: string, message: string, receiveId: string, random: Buffer = randomBytes(16)): string {
  return wecomCrypto.encrypt(aesKey, message, receiveId, random);
}
