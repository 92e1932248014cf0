// DingTalk's sign-in for the console (钉钉内免登第三方网站 / 网页应用): the browser goes to
// login.dingtalk.com/oauth2/auth; inside the DingTalk client the member is recognised without a
// prompt (a desktop browser shows DingTalk's QR / password page instead) and comes back with a
// one-use authCode. The server trades it for the member's user token
// (POST /v1.0/oauth2/userAccessToken), reads their unionId (GET /v1.0/contact/users/me), and maps
// that to the organisation's userid with the app's token (POST topapi/user/getbyunionid).
// Why the redirect and not the JSAPI's requestAuthCode: it needs no script in the page (no CDN,
// nothing to vendor), no corpId in the page, and it works the same in a desktop browser.
// Someone outside the organisation (getbyunionid refuses, or an external contact) is no member.
import type { DingtalkConfig } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import { PlatformError, type WebSignIn } from '../types.ts';
import { DINGTALK_REQUEST_TIMEOUT_MS, dingtalkRequest, oapiCall } from './http.ts';
import { DingtalkToken } from './token.ts';

/** getbyunionid's contact_type for the organisation's own staff (1 is an external contact). */
const STAFF_CONTACT = 0;

export class DingtalkWebSignIn implements WebSignIn {
  private readonly token: DingtalkToken;

  constructor(
    private readonly app: DingtalkConfig,
    clock: Clock,
    private readonly timeoutMs = DINGTALK_REQUEST_TIMEOUT_MS,
  ) {
    this.token = new DingtalkToken(app, clock, timeoutMs);
  }

  /** `prompt=consent` is required by the page; `state` comes back unchanged with the authCode. */
  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({ redirect_uri: redirectUri, response_type: 'code', client_id: this.app.clientId, scope: 'openid', state, prompt: 'consent' });
    return `${this.app.loginBase}/oauth2/auth?${q.toString()}`;
  }

  /** The member's userid; undefined for a code DingTalk refuses (used, expired) or a non-member. */
  async userIdFromCode(code: string): Promise<string | undefined> {
    const unionId = await this.unionIdOf(code);
    return unionId ? this.userIdOf(unionId) : undefined;
  }

  private async unionIdOf(code: string): Promise<string | undefined> {
    const base = this.app.apiBase;
    try {
      const grant = await dingtalkRequest(`${base}/v1.0/oauth2/userAccessToken`, 'POST', { clientId: this.app.clientId, clientSecret: this.app.clientSecret, code, grantType: 'authorization_code' }, undefined, this.timeoutMs);
      const userToken = typeof grant.accessToken === 'string' ? grant.accessToken : '';
      if (!userToken) return undefined;
      const me = await dingtalkRequest(`${base}/v1.0/contact/users/me`, 'GET', undefined, userToken, this.timeoutMs);
      return typeof me.unionId === 'string' && me.unionId ? me.unionId : undefined;
    } catch (err) {
      // A refused code (4xx, final or 401) is "no"; DingTalk unreachable is an error for the page.
      if (err instanceof PlatformError && err.code >= 400 && err.code < 500) return undefined;
      throw err;
    }
  }

  /** Someone getbyunionid does not know (errcode 60121 and the like) is no member: undefined. */
  private async userIdOf(unionId: string): Promise<string | undefined> {
    let answer;
    try {
      answer = await oapiCall(`${this.app.oapiBase}/topapi/user/getbyunionid`, { body: JSON.stringify({ unionid: unionId }), contentType: 'application/json' }, this.token, this.timeoutMs);
    } catch (err) {
      if (err instanceof PlatformError && err.final) return undefined;
      throw err;
    }
    const result = (answer.result ?? {}) as { userid?: unknown; contact_type?: unknown };
    if (Number(result.contact_type ?? STAFF_CONTACT) !== STAFF_CONTACT) return undefined;
    return typeof result.userid === 'string' && result.userid ? result.userid : undefined;
  }
}
