// Seals and opens secrets stored in the database (platform credentials) with SECRETS_KEY:
// AES-256-GCM, a fresh random 96-bit IV per value, the key's id in front so a value says which
// key sealed it. SECRETS_KEY may list several keys, newest first: the first seals, any opens,
// so a key is rotated by putting the new one in front and re-sealing (npm run org -- rekey).
// The associated data binds a value to where it is stored (organisation and field): a sealed
// secret copied into another organisation's row does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;

export interface SecretKey {
  /** The first 8 hex digits of the key's SHA-256: names it without revealing it. */
  id: string;
  key: Buffer;
}

/** A value that is not sealed with any key we hold, or was tampered with. */
export class SecretOpenError extends Error {
  constructor(
    message: string,
    readonly keyId?: string,
  ) {
    super(message);
    this.name = 'SecretOpenError';
  }
}

/**
 * Reads SECRETS_KEY: comma-separated keys, each 32 bytes in base64 (44 characters, as
 * `openssl rand -base64 32` prints) or 64 hex digits. Returns a problem sentence instead when
 * it does not parse.
 */
export function parseSecretKeys(text: string): SecretKey[] | string {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return 'is empty';
  const keys: SecretKey[] = [];
  for (const [i, part] of parts.entries()) {
    const key = /^[0-9a-fA-F]{64}$/.test(part) ? Buffer.from(part, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(part) ? Buffer.from(part, 'base64') : undefined;
    if (!key || key.length !== SECRET_KEY_BYTES) {
      return `key ${i + 1} must be 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits`;
    }
    keys.push({ id: keyId(key), key });
  }
  return keys;
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export class SecretBox {
  constructor(private readonly keys: SecretKey[]) {
    if (keys.length === 0) throw new Error('a secret box needs at least one key');
  }

  /** The id of the key new values are sealed with. */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  /** `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url); `context` must be given again to open it. */
  seal(plain: string, context: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, id, iv, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string, context: string): string {
    const parts = sealed.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretOpenError('not a sealed value');
    const [, id, iv, tag, body] = parts as [string, string, string, string, string];
    const entry = this.keys.find((k) => k.id === id);
    if (!entry) throw new SecretOpenError(`sealed with key ${id}, which SECRETS_KEY does not hold`, id);
    try {
      const decipher = createDecipheriv('aes-256-gcm', entry.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretOpenError(`does not open with key ${id} (altered, or stored for another field)`, id);
    }
  }

  /** The key id a sealed value names (rotation: which rows still need re-sealing). */
  static keyIdOf(sealed: string): string | undefined {
    const parts = sealed.split('.');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : undefined;
  }
}
