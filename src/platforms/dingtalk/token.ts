// The app's access token for the new API: POST /v1.0/oauth2/accessToken {appKey, appSecret}
// → {accessToken, expireIn (7200 s)} (platforms.md §7.1 [DTIO obtain-the-access-token-of-an-
// internal-app]). Cached per app and refreshed a few minutes early; concurrent callers share
// one request (single flight), as the API is throttled and asks to be called rarely.
import type { Clock } from '../../lib/clock.ts';
import { PlatformError } from '../types.ts';
import { dingtalkRequest } from './http.ts';

const SAFETY_MS = 5 * 60_000;

export class DingtalkToken {
  private token?: { value: string; expiresAt: number };
  private refreshing?: Promise<string>;

  constructor(
    private readonly app: { apiBase: string; clientId: string; clientSecret: string },
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.expiresAt > this.clock.now().getTime()) return this.token.value;
    this.refreshing ??= this.fetch().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** The token was refused (401): the next call fetches a new one. */
  drop(): void {
    this.token = undefined;
  }

  private async fetch(): Promise<string> {
    let answer;
    try {
      answer = await dingtalkRequest(`${this.app.apiBase}/v1.0/oauth2/accessToken`, 'POST', { appKey: this.app.clientId, appSecret: this.app.clientSecret }, undefined, this.timeoutMs);
    } catch (err) {
      // No token means the call itself never went out: never "outcome unknown".
      if (err instanceof PlatformError) throw new PlatformError('dingtalk', err.code, `accessToken failed: ${err.message}`, err.final, err.retryAfterMs, false);
      throw err;
    }
    const value = String(answer.accessToken ?? '');
    if (!value) throw new PlatformError('dingtalk', -1, 'accessToken answered without accessToken', false);
    const ttlMs = Number(answer.expireIn ?? 7200) * 1000;
    this.token = { value, expiresAt: this.clock.now().getTime() + Math.max(60_000, ttlMs - SAFETY_MS) };
    return value;
  }
}
