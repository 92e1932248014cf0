// One HTTP exchange with DingTalk's new API (api.dingtalk.com/v1.0). Errors are HTTP 4xx/5xx
// with a JSON body {code, message} (platforms.md §7.1, §8); PlatformError.code carries the HTTP
// status, the message DingTalk's string code. What may be retried, and what left the outcome
// unknown:
// - no answer after the request was sent (timeout, reset): DingTalk may have acted → unknown;
// - HTTP 5xx: a gateway may have passed the call on → unknown;
// - 401 (token expired or revoked): the client refreshes the token once and repeats;
// - 403 with a code containing QpsLimit, or 429: throttled, nothing done → retry after a pause
//   ([DTRA] isQpsLimitError; the exact code name is unconfirmed, so it is matched loosely);
// - any other 4xx (param.*, invalidParameter.*, chatbot.notFound, bot.stopped…): final.
import { HttpRequestError, httpRequest, type HttpAnswer } from '../../lib/http-client.ts';
import { PlatformError } from '../types.ts';

export const DINGTALK_REQUEST_TIMEOUT_MS = 10_000;
const THROTTLE_WAIT_MS = 2_000;

export type DingtalkAnswer = Record<string, unknown>;

export async function dingtalkRequest(
  url: string, method: 'GET' | 'POST' | 'PUT', body: unknown, token: string | undefined, timeoutMs: number,
): Promise<DingtalkAnswer> {
  let res: HttpAnswer;
  try {
    res = await httpRequest(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { 'x-acs-dingtalk-access-token': token } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs,
    });
  } catch (err) {
    const unknown = err instanceof HttpRequestError ? err.requestSent : true;
    throw new PlatformError('dingtalk', -1, `network error: ${(err as Error).message}`, false, undefined, unknown);
  }
  const parsed = parseBody(res.body);
  if (res.status >= 200 && res.status < 300) {
    if (!parsed) throw new PlatformError('dingtalk', res.status, 'DingTalk answered with a body that is not JSON', false, undefined, true);
    return parsed;
  }
  throw errorFor(res.status, parsed);
}

function parseBody(body: string): DingtalkAnswer | undefined {
  try {
    const value = JSON.parse(body || '{}') as unknown;
    return value && typeof value === 'object' ? (value as DingtalkAnswer) : undefined;
  } catch {
    return undefined;
  }
}

export function errorFor(status: number, answer: DingtalkAnswer | undefined): PlatformError {
  const code = String(answer?.code ?? '');
  const text = `HTTP ${status} ${code}: ${String(answer?.message ?? '')}`.trim();
  if (status >= 500) return new PlatformError('dingtalk', status, text, false, undefined, true);
  if (status === 429 || (status === 403 && /qpslimit|flowcontrol|throttl/i.test(code))) {
    return new PlatformError('dingtalk', status, text, false, THROTTLE_WAIT_MS);
  }
  if (status === 401) return new PlatformError('dingtalk', status, text, false);
  return new PlatformError('dingtalk', status, text, true);
}

/** The old API's answers for a token that is invalid or expired: fetched again once. */
const OAPI_TOKEN_ERRCODES = new Set([40014, 42001, 88]);
/** Old-API errcodes that mean "busy or throttled, nothing done" (platforms.md §8): retry after a pause. */
const OAPI_TRANSIENT = new Set([-1, 90002, 90005, 90006, 90018, 90019]);

/**
 * One call to DingTalk's old API (oapi.dingtalk.com: topapi, media/upload), which takes the app's
 * token as `access_token` in the query and answers HTTP 200 with {errcode, errmsg}. A refused
 * token is fetched again once; any other errcode ≠ 0 is a PlatformError whose code is it.
 */
export async function oapiCall(
  url: string, init: { body: Buffer | string; contentType: string }, token: { get(): Promise<string>; drop(): void }, timeoutMs: number,
): Promise<DingtalkAnswer> {
  let answer = await oapiOnce(url, init, await token.get(), timeoutMs);
  if (OAPI_TOKEN_ERRCODES.has(Number(answer.errcode))) {
    token.drop();
    answer = await oapiOnce(url, init, await token.get(), timeoutMs);
  }
  const errcode = Number(answer.errcode ?? 0);
  if (errcode === 0) return answer;
  const transient = OAPI_TRANSIENT.has(errcode);
  throw new PlatformError('dingtalk', errcode, `errcode ${errcode}: ${String(answer.errmsg ?? '')}`, !transient && !OAPI_TOKEN_ERRCODES.has(errcode), transient ? THROTTLE_WAIT_MS : undefined);
}

async function oapiOnce(url: string, init: { body: Buffer | string; contentType: string }, token: string, timeoutMs: number): Promise<DingtalkAnswer> {
  const sep = url.includes('?') ? '&' : '?';
  let res: HttpAnswer;
  try {
    res = await httpRequest(`${url}${sep}access_token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': init.contentType, accept: 'application/json' }, body: init.body, timeoutMs });
  } catch (err) {
    const unknown = err instanceof HttpRequestError ? err.requestSent : true;
    throw new PlatformError('dingtalk', -1, `network error: ${(err as Error).message}`, false, undefined, unknown);
  }
  const parsed = parseBody(res.body);
  if (res.status >= 500 || (res.status === 200 && !parsed)) throw new PlatformError('dingtalk', res.status, `HTTP ${res.status} from the old API`, false, undefined, true);
  if (res.status !== 200 || !parsed) throw errorFor(res.status, parsed);
  return parsed;
}
