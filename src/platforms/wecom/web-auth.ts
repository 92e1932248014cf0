// WeCom's web authorisation (网页授权, docs 91022/91023) for pages opened from the app: the
// browser goes to connect/oauth2/authorize, WeCom sends it back with a single-use code, and
// the server trades the code for the member's userid (auth/getuserinfo, the app's token).
// A non-member comes back with an openid instead: not someone the console knows.
import type { WecomAppConfig } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import { PlatformError, type WebSignIn } from '../types.ts';
import { WecomClient } from './client.ts';

export class WecomWebSignIn implements WebSignIn {
  private readonly client: WecomClient;

  constructor(
    private readonly app: WecomAppConfig,
    private readonly oauthBase: string,
    clock: Clock,
  ) {
    this.client = new WecomClient(app, clock);
  }

  /** `state` is a-zA-Z0-9 (≤ 128 bytes); WeCom hands it back unchanged with the code. */
  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({ appid: this.app.corpId, redirect_uri: redirectUri, response_type: 'code', scope: 'snsapi_base', state, agentid: String(this.app.agentId) });
    return `${this.oauthBase}/connect/oauth2/authorize?${q.toString()}#wechat_redirect`;
  }

  /** The member's userid, or undefined for a code WeCom refuses (used, expired) or a non-member. */
  async userIdFromCode(code: string): Promise<string | undefined> {
    try {
      const answer = await this.client.callGet('/cgi-bin/auth/getuserinfo', { code });
      const userId = answer.userid ?? answer.UserId;
      return typeof userId === 'string' && userId ? userId : undefined;
    } catch (err) {
      if (err instanceof PlatformError && !err.outcomeUnknown && err.code !== -1) return undefined;
      throw err;
    }
  }
}
