// A thin typed client for the WeCom server API over HTTP: per-app token cache with
// single-flight refresh, errcode checks on every call, one retry after a token refresh.
// Every failure says whether WeCom may have carried the call out (outcomeUnknown), and every
// send asks for WeCom's own repeat protection (repeat-guard.ts), so the outbox can try again
// after a lost answer without delivering twice.
import { readFile } from 'node:fs/promises';
import type { WecomAppConfig } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import { HttpRequestError, httpRequest, type HttpAnswer, type HttpRequestOptions } from '../../lib/http-client.ts';
import { multipartFile } from '../../lib/multipart.ts';
import { PlatformError, type OutboundMessage, type PlatformClient, type RepeatGuard, type SendOptions, type SendReceipt, type UploadedMedia } from '../types.ts';
import { renderTemplateCard } from './cards.ts';
import { CHAT_ID_EXISTS, RESPONSE_CODE_USED, TASK_ID_USED, TOKEN_ERRCODES, describeErrcode, isTransient, minimumWaitMs } from './errcodes.ts';
import { DUPLICATE_CHECK_INTERVAL_S, wecomRepeatGuard, wecomTaskId } from './repeat-guard.ts';
import { sendRobotReply } from './robot-client.ts';
import { WECOM_TRAITS } from './traits.ts';

interface WecomAnswer {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

const TOKEN_SAFETY_MS = 5 * 60_000;
/** "media_id 3天内有效" (doc 96484), less an hour so a send never races the expiry. */
const MEDIA_VALID_MS = 3 * 86_400_000 - 3_600_000;
/** An ordinary file (type=file) is at most 20 MB (doc 96484). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** WeCom's errcode for an unknown or expired media_id (40007), used for one we know has expired. */
const MEDIA_EXPIRED = 40007;
/** The client's timeout per HTTP request; the outbox lock must outlast a call's four requests. */
export const WECOM_REQUEST_TIMEOUT_MS = 10_000;

export interface WecomClientOptions {
  timeoutMs?: number;
}

export class WecomClient implements PlatformClient {
  readonly channel = 'wecom' as const;
  readonly traits = WECOM_TRAITS;
  private token?: { value: string; expiresAt: number };
  private refreshing?: Promise<string>;
  private readonly timeoutMs: number;

  constructor(
    private readonly app: WecomAppConfig,
    private readonly clock: Clock,
    options: WecomClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? WECOM_REQUEST_TIMEOUT_MS;
  }

  repeatGuard(message: OutboundMessage, createdAt: Date): RepeatGuard {
    return wecomRepeatGuard(message, createdAt);
  }

  async send(message: OutboundMessage, options?: SendOptions): Promise<SendReceipt> {
    try {
      return await this.dispatch(message, options);
    } catch (err) {
      // A repeat of a call whose answer was lost, refused as "already used": it was delivered.
      if (options?.maybeDelivered && err instanceof PlatformError && isRepeatRefusal(message.kind, err)) return { alreadyDelivered: true };
      throw err;
    }
  }

  private async dispatch(message: OutboundMessage, options?: SendOptions): Promise<SendReceipt> {
    const protect = options?.repeatProtection ?? true;
    switch (message.kind) {
      case 'text':
        return this.sendToUsers(message.toUsers, 'text', { content: message.text }, protect);
      case 'markdown':
        return this.sendToUsers(message.toUsers, 'markdown', { content: message.markdown }, protect);
      case 'card': {
        const taskId = options ? wecomTaskId(message.card.taskId, options.key, options.createdAt) : message.card.taskId;
        return this.sendToUsers(message.toUsers, 'template_card', renderTemplateCard(message.card, taskId), protect);
      }
      case 'card_update':
        return this.updateCard(message.toUsers, handleOf(message), { template_card: renderTemplateCard(message.card) });
      case 'card_settle':
        return this.updateCard(message.toUsers, handleOf(message), { button: { replace_name: message.text } });
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
        return sendRobotReply(message, this.timeoutMs);
      case 'file':
        // WeCom has forgotten the upload: the call cannot deliver it, so it is not made.
        if (this.clock.now().getTime() >= Date.parse(message.mediaExpiresAt)) {
          throw new PlatformError('wecom', MEDIA_EXPIRED, `the uploaded file ${message.fileName} expired at ${message.mediaExpiresAt}`, true);
        }
        return this.sendToUsers(message.toUsers, 'file', { media_id: message.mediaId }, protect);
    }
  }

  /**
   * Uploads a file as a temporary media (doc 96484/90253, 上传临时素材: POST
   * /cgi-bin/media/upload?type=file, multipart/form-data with the file in the part named
   * "media", whose filename is the name the recipient sees; answers media_id and created_at).
   * "素材上传得到media_id，该media_id仅三天内有效"; an ordinary file is at most 20 MB.
   */
  async uploadFile(file: { path: string; name: string }): Promise<UploadedMedia> {
    const bytes = await readFile(file.path);
    if (bytes.length > MAX_FILE_BYTES || bytes.length <= 5) {
      throw new PlatformError('wecom', 40006, `file of ${bytes.length} bytes: WeCom takes files of 6 bytes to 20 MB`, true);
    }
    const { body, contentType } = multipartFile('media', file.name, bytes);
    const answer = await this.withToken((token) =>
      request(`${this.app.apiBase}/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=file`, { method: 'POST', headers: { 'content-type': contentType }, body }, this.timeoutMs),
    );
    const mediaId = String(answer.media_id ?? '');
    if (!mediaId) throw new PlatformError('wecom', -1, 'media/upload answered without media_id', false);
    const uploadedAt = Number(answer.created_at) > 0 ? Number(answer.created_at) * 1000 : this.clock.now().getTime();
    return { mediaId, expiresAt: new Date(uploadedAt + MEDIA_VALID_MS) };
  }

  private async sendToUsers(users: string[], msgtype: string, payload: unknown, protect: boolean): Promise<SendReceipt> {
    const answer = await this.call('/cgi-bin/message/send', {
      touser: users.join('|'),
      agentid: this.app.agentId,
      msgtype,
      [msgtype]: payload,
      // The same row sends the same JSON on every try, so WeCom drops a repeat inside the window.
      ...(protect ? { enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_INTERVAL_S } : { enable_duplicate_check: 0 }),
    });
    const invalid = typeof answer.invaliduser === 'string' && answer.invaliduser ? answer.invaliduser.split('|') : [];
    return {
      messageId: typeof answer.msgid === 'string' ? answer.msgid : undefined,
      cardHandle: typeof answer.response_code === 'string' ? answer.response_code : undefined,
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
    return this.withToken((token) => this.post(path, body, token));
  }

  /** One exchange with a token; on an expired or invalid token refreshes it once and retries. */
  private async withToken(exchange: (token: string) => Promise<WecomAnswer>): Promise<WecomAnswer> {
    const first = await exchange(await this.tokenForCall());
    if (!TOKEN_ERRCODES.has(first.errcode ?? 0)) return check(first);
    this.token = undefined;
    const second = await exchange(await this.tokenForCall());
    if (TOKEN_ERRCODES.has(second.errcode ?? 0)) {
      throw new PlatformError('wecom', second.errcode!, describeErrcode(second.errcode!, second.errmsg ?? ''), false);
    }
    return check(second);
  }

  /** GETs from the API (auth/getuserinfo); on an expired or invalid token refreshes it once and retries. */
  async callGet(path: string, params: Record<string, string>): Promise<WecomAnswer> {
    const query = Object.entries(params).map(([k, v]) => `&${k}=${encodeURIComponent(v)}`).join('');
    const get = async () => request(`${this.app.apiBase}${path}?access_token=${encodeURIComponent(await this.tokenForCall())}${query}`, { method: 'GET' }, this.timeoutMs);
    const first = await get();
    if (!TOKEN_ERRCODES.has(first.errcode ?? 0)) return check(first);
    this.token = undefined;
    return check(await get());
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.clock.now().getTime()) return this.token.value;
    // Single flight: concurrent callers share one gettoken request (it is throttled).
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /** A token for a call: failing to get one means the call itself never went out. */
  private async tokenForCall(): Promise<string> {
    try {
      return await this.accessToken();
    } catch (err) {
      if (!(err instanceof PlatformError)) throw err;
      throw new PlatformError('wecom', err.code, `gettoken failed: ${err.message}`, err.final, err.retryAfterMs, false);
    }
  }

  private async fetchToken(): Promise<string> {
    const url = `${this.app.apiBase}/cgi-bin/gettoken?corpid=${encodeURIComponent(this.app.corpId)}&corpsecret=${encodeURIComponent(this.app.secret)}`;
    const answer = check(await request(url, { method: 'GET' }, this.timeoutMs));
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
    }, this.timeoutMs);
  }
}

/**
 * One HTTP exchange with WeCom. Which failures leave the outcome unknown:
 * - no answer after the request was sent (timeout, reset, hang-up): WeCom may have acted;
 * - HTTP 5xx: a gateway may have passed the call on before failing (a 504 typically has);
 * - HTTP 200 whose body is not JSON: something answered "OK".
 * Certainly not carried out: the request never left (refused, DNS, reset while writing), a
 * 4xx from a proxy, and every errcode answer (WeCom refused it).
 */
async function request(url: string, init: HttpRequestOptions, timeoutMs: number): Promise<WecomAnswer> {
  let res: HttpAnswer;
  try {
    res = await httpRequest(url, { ...init, timeoutMs });
  } catch (err) {
    const unknown = err instanceof HttpRequestError ? err.requestSent : true;
    throw new PlatformError('wecom', -1, `network error: ${(err as Error).message}`, false, undefined, unknown);
  }
  // Errors come as HTTP 200 with an errcode; any other status is the network or a proxy.
  if (res.status !== 200) throw new PlatformError('wecom', -1, `HTTP ${res.status} from WeCom`, false, undefined, res.status >= 500);
  try {
    return JSON.parse(res.body) as WecomAnswer;
  } catch {
    throw new PlatformError('wecom', -1, 'WeCom answered with a body that is not JSON', false, undefined, true);
  }
}

function check(answer: WecomAnswer): WecomAnswer {
  const code = answer.errcode ?? 0;
  if (code === 0) return answer;
  const transient = isTransient(code);
  throw new PlatformError('wecom', code, describeErrcode(code, answer.errmsg ?? ''), !transient, minimumWaitMs(code));
}

/** WeCom's refusal of a second use of something the first try used (see errcodes.ts). */
function isRepeatRefusal(kind: OutboundMessage['kind'], err: PlatformError): boolean {
  if (err.outcomeUnknown) return false;
  if (kind === 'card') return err.code === TASK_ID_USED;
  if (kind === 'card_update' || kind === 'card_settle') return err.code === RESPONSE_CODE_USED;
  if (kind === 'chat_create') return err.code === CHAT_ID_EXISTS;
  // The robot's response_url: its refusal code is undocumented; any final answer is one.
  if (kind === 'robot_reply') return err.final && err.code !== -1;
  return false;
}

/** Rows written before the neutral handle carried WeCom's name for it. */
function handleOf(message: { handle?: string; responseCode?: string }): string {
  return message.handle ?? message.responseCode ?? '';
}
