// A thin typed client for the WeCom server API over fetch: per-app token cache with
// single-flight refresh, errcode checks on every call, one retry after a token refresh.
import type { WecomAppConfig } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import { httpRequest, type HttpAnswer, type HttpRequestOptions } from '../../lib/http-client.ts';
import { PlatformError, type OutboundMessage, type PlatformClient, type SendReceipt } from '../types.ts';
import { renderTemplateCard } from './cards.ts';
import { TOKEN_ERRCODES, describeErrcode, isTransient, minimumWaitMs } from './errcodes.ts';
import { sendRobotReply } from './robot-client.ts';

interface WecomAnswer {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

const TOKEN_SAFETY_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 10_000;

export class WecomClient implements PlatformClient {
  readonly channel = 'wecom' as const;
  private token?: { value: string; expiresAt: number };
  private refreshing?: Promise<string>;

  constructor(
    private readonly app: WecomAppConfig,
    private readonly clock: Clock,
  ) {}

  async send(message: OutboundMessage): Promise<SendReceipt> {
    switch (message.kind) {
      case 'text':
        return this.sendToUsers(message.toUsers, 'text', { content: message.text });
      case 'markdown':
        return this.sendToUsers(message.toUsers, 'markdown', { content: message.markdown });
      case 'card':
        return this.sendToUsers(message.toUsers, 'template_card', renderTemplateCard(message.card));
      case 'card_update':
        return this.updateCard(message.toUsers, message.responseCode, { template_card: renderTemplateCard(message.card) });
      case 'card_settle':
        return this.updateCard(message.toUsers, message.responseCode, { button: { replace_name: message.text } });
      case 'chat_text':
        await this.call('/cgi-bin/appchat/send', { chatid: message.chatId, msgtype: 'text', text: { content: message.text } });
        return {};
      case 'chat_create': {
        const body = { name: message.name, owner: message.owner, userlist: message.members, chatid: message.chatId };
        const answer = await this.call('/cgi-bin/appchat/create', body);
        return { messageId: String(answer.chatid ?? message.chatId) };
      }
      case 'robot_reply':
        // The intelligent robot's answer: no access token, its own one-use URL.
        return sendRobotReply(message);
    }
  }

  private async sendToUsers(users: string[], msgtype: string, payload: unknown): Promise<SendReceipt> {
    const answer = await this.call('/cgi-bin/message/send', {
      touser: users.join('|'),
      agentid: this.app.agentId,
      msgtype,
      [msgtype]: payload,
    });
    const invalid = typeof answer.invaliduser === 'string' && answer.invaliduser ? answer.invaliduser.split('|') : [];
    return {
      messageId: typeof answer.msgid === 'string' ? answer.msgid : undefined,
      responseCode: typeof answer.response_code === 'string' ? answer.response_code : undefined,
      ...(invalid.length ? { invalidUsers: invalid } : {}),
    };
  }

  private async updateCard(users: string[], responseCode: string, update: Record<string, unknown>): Promise<SendReceipt> {
    await this.call('/cgi-bin/message/update_template_card', {
      userids: users,
      agentid: this.app.agentId,
      response_code: responseCode,
      ...update,
    });
    return {};
  }

  /** POSTs to the API; on an expired or invalid token refreshes it once and retries. */
  async call(path: string, body: unknown): Promise<WecomAnswer> {
    const first = await this.post(path, body, await this.accessToken());
    if (!TOKEN_ERRCODES.has(first.errcode ?? 0)) return check(first);
    this.token = undefined;
    const second = await this.post(path, body, await this.accessToken());
    if (TOKEN_ERRCODES.has(second.errcode ?? 0)) {
      throw new PlatformError('wecom', second.errcode!, describeErrcode(second.errcode!, second.errmsg ?? ''), false);
    }
    return check(second);
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.clock.now().getTime()) return this.token.value;
    // Single flight: concurrent callers share one gettoken request (it is throttled).
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.app.apiBase}/cgi-bin/gettoken?corpid=${encodeURIComponent(this.app.corpId)}&corpsecret=${encodeURIComponent(this.app.secret)}`;
    const answer = check(await request(url, { method: 'GET' }));
    const value = String(answer.access_token ?? '');
    if (!value) throw new PlatformError('wecom', -1, 'gettoken answered without access_token', false);
    const ttlMs = Number(answer.expires_in ?? 7200) * 1000;
    this.token = { value, expiresAt: this.clock.now().getTime() + Math.max(60_000, ttlMs - TOKEN_SAFETY_MS) };
    return value;
  }

  private post(path: string, body: unknown, token: string): Promise<WecomAnswer> {
    return request(`${this.app.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}

async function request(url: string, init: HttpRequestOptions): Promise<WecomAnswer> {
  let res: HttpAnswer;
  try {
    res = await httpRequest(url, { ...init, timeoutMs: REQUEST_TIMEOUT_MS });
  } catch (err) {
    throw new PlatformError('wecom', -1, `network error: ${(err as Error).message}`, false);
  }
  // Errors come as HTTP 200 with an errcode; any other status is the network or a proxy.
  if (res.status !== 200) throw new PlatformError('wecom', -1, `HTTP ${res.status} from WeCom`, false);
  try {
    return JSON.parse(res.body) as WecomAnswer;
  } catch {
    throw new PlatformError('wecom', -1, 'WeCom answered with a body that is not JSON', false);
  }
}

function check(answer: WecomAnswer): WecomAnswer {
  const code = answer.errcode ?? 0;
  if (code === 0) return answer;
  const transient = isTransient(code);
  throw new PlatformError('wecom', code, describeErrcode(code, answer.errmsg ?? ''), !transient, minimumWaitMs(code));
}
