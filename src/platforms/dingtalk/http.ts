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
