// The console's session cookie and CSRF tokens, both HMAC-SHA256 under CONSOLE_SESSION_SECRET.
// A session names the organisation signed in to, the platform and its user id, a random
// session id and an expiry; the CSRF token is
// derived from the session id, so it needs no storage and dies with the session. Before
// sign-in a random "pre" nonce plays the same part for the sign-in form and OAuth's state.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Channel } from '../platforms/types.ts';

/** How long a console session lasts; a person signs in again from WeCom after it. */
export const SESSION_TTL_MS = 8 * 3600_000;
/** How long a sign-in may take between showing the form (or leaving for WeCom) and coming back. */
export const PRE_TTL_MS = 15 * 60_000;

export interface Session {
  userId: string;
  /** The platform the person signed in through (their account on it is userId). */
  channel: Channel;
  /** The organisation signed in to: every page is scoped to it. */
  orgId: number;
  orgCode: string;
  sid: string;
  exp: number;
}

export type SessionSubject = Pick<Session, 'userId' | 'channel' | 'orgId' | 'orgCode'>;
const CHANNELS: readonly unknown[] = ['wecom', 'dingtalk'] satisfies Channel[];

export class SessionSigner {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
  ) {}

  issue(subject: SessionSubject): { cookie: string; session: Session } {
    const session = { ...subject, sid: randomBytes(16).toString('hex'), exp: this.now() + SESSION_TTL_MS };
    return { cookie: this.seal(session), session };
  }

  read(cookie: string | undefined): Session | undefined {
    const value = this.open(cookie) as Partial<Session> | undefined;
    if (!value || typeof value.userId !== 'string' || typeof value.sid !== 'string' || typeof value.exp !== 'number') return undefined;
    if (!CHANNELS.includes(value.channel) || typeof value.orgId !== 'number' || typeof value.orgCode !== 'string') return undefined;
    return value.exp > this.now() ? (value as Session) : undefined;
  }

  /** A nonce for one sign-in attempt, sealed with its expiry. */
  issuePre(): { cookie: string; nonce: string } {
    const nonce = randomBytes(16).toString('hex');
    return { cookie: this.seal({ nonce, exp: this.now() + PRE_TTL_MS }), nonce };
  }

  readPre(cookie: string | undefined): string | undefined {
    const value = this.open(cookie) as { nonce?: unknown; exp?: unknown } | undefined;
    if (!value || typeof value.nonce !== 'string' || typeof value.exp !== 'number' || value.exp <= this.now()) return undefined;
    return value.nonce;
  }

  /** A token bound to a purpose and a session id (or pre nonce): 'csrf', 'login', 'state'. */
  token(purpose: string, id: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}:${id}`).digest('hex').slice(0, 40);
  }

  checkToken(purpose: string, id: string, given: unknown): boolean {
    if (typeof given !== 'string') return false;
    const want = Buffer.from(this.token(purpose, id));
    const got = Buffer.from(given);
    return got.length === want.length && timingSafeEqual(got, want);
  }

  /** A short message for the next page (after a redirect), sealed so nobody else can plant one. */
  sealFlash(text: string): string {
    return this.seal({ text, exp: this.now() + 60_000 });
  }

  openFlash(cookie: string | undefined): string | undefined {
    const value = this.open(cookie) as { text?: unknown; exp?: unknown } | undefined;
    return value && typeof value.text === 'string' && typeof value.exp === 'number' && value.exp > this.now() ? value.text : undefined;
  }

  private seal(value: object): string {
    const body = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  private open(cookie: string | undefined): unknown {
    if (!cookie) return undefined;
    const [body, mac] = cookie.split('.');
    if (!body || !mac) return undefined;
    const want = Buffer.from(this.mac(body));
    const got = Buffer.from(mac);
    if (got.length !== want.length || !timingSafeEqual(got, want)) return undefined;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return undefined;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`seal:${body}`).digest('base64url');
  }
}
