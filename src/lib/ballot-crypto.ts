// The keyed one-way functions behind anonymous report-back votes (rule E3). Threat model (also
// in the README, "Report-back and votes"):
//
// - Who must not learn who voted what: anyone who can read the database — office staff with a
//   SQL client, a backup, a copied file — during the vote and after it.
// - How: every key is derived from the server's vote secret (VOTE_SECRET, an environment
//   variable, never stored in the database) and the ballot's random salt (stored with the
//   ballot, destroyed at close). A voter's vote row is keyed by marker = HMAC(key, voter), so one
//   voter has one row and may change it, but the row names nobody; the choice in it is sealed
//   (AES-256-GCM under the same key, a fresh nonce each time) and the row has no time and no
//   person. The card's three buttons carry token = HMAC(key, voter, choice), so the click that
//   the inbound table keeps (its platform key includes the button key) is meaningless without
//   the key; the card itself, which pairs tokens with their labels, is erased from the outbox as
//   soon as it is sent. At close the votes are counted, the tally is written, the salt is
//   destroyed and the vote rows are deleted: from then on nothing can link a choice to anybody,
//   not even with the secret.
// - Not covered: someone holding both the database and the server's secret while the vote is
//   open (the server's operator, who could also change the code); the platform itself (WeCom
//   sees every click); a database page still holding an erased card before SQLite reuses it.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSalt(): string {
  return randomBytes(32).toString('base64url');
}

/** The ballot's key: only the server (secret) and only while the ballot is open (salt). */
export function ballotKey(secret: string, salt: string, ballotId: number): Buffer {
  return createHmac('sha256', secret).update(`ballot|${ballotId}|${salt}`).digest();
}

/** One row per voter, naming nobody. */
export function voterMarker(key: Buffer, voterId: number): string {
  return createHmac('sha256', key).update(`marker|${voterId}`).digest('hex');
}

/** The key a voter's card button carries for one choice. */
export function buttonToken(key: Buffer, voterId: number, choice: string): string {
  return createHmac('sha256', key).update(`button|${voterId}|${choice}`).digest('hex').slice(0, 16);
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sealKey(key: Buffer): Buffer {
  return createHmac('sha256', key).update('seal').digest();
}

/** The choice encrypted under the ballot's key with a fresh nonce: the same choice never looks the same twice. */
export function sealChoice(key: Buffer, choice: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(key), iv);
  const body = Buffer.concat([cipher.update(choice, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The sealed choice, or undefined when it was not sealed under this key. */
export function openChoice(key: Buffer, sealed: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(key), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
