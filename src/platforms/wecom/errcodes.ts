// What each WeCom errcode means for us (docs 90313 / platforms.md §4). Branch on errcode,
// never on errmsg.

/** The access token is invalid or expired: fetch a new one and retry the call once. */
export const TOKEN_ERRCODES = new Set([40014, 42001, 41001]);

/**
 * Worth retrying later with backoff: the platform is busy or rate-limiting us, or an admin
 * can fix the cause in the console (IP whitelist, secret, API permission) while we wait.
 */
const TRANSIENT = new Map<number, number>([
  [-1, 2_000], // system busy
  [45009, 60_000], // API frequency limit
  [45033, 5_000], // too many concurrent calls
  [60020, 300_000], // caller IP not in the trusted list
  [40001, 300_000], // secret rejected
  [48002, 300_000], // API not permitted for this app
]);

export function isTransient(errcode: number): boolean {
  return TRANSIENT.has(errcode);
}

/** Minimum wait before the next try for a transient errcode. */
export function minimumWaitMs(errcode: number): number | undefined {
  return TRANSIENT.get(errcode);
}

/**
 * "Already done" answers: the platform refuses a repeat of a call it has carried out. They
 * mean "delivered earlier" only for a row whose earlier try had an unknown outcome; on a
 * clean first try they are ordinary final errors.
 * - 42014: template card task_id used before (errmsg "taskid has existed or empty or exceed
 *   max len"; doc 90313 / WxJava WxCpErrorMsgEnum CODE_42014 "任务卡片消息的task_id不合法";
 *   the answer to a reused task_id is quoted in the WeCom developer community thread
 *   developers.weixin.qq.com/community/enterprisewechat/doc/000e8a97798020098fdd7015a51800).
 *   Our task ids are never empty and at most 128 bytes, so for us it means "used".
 * - 42022: a card's response_code already used (WxCpErrorMsgEnum CODE_42022).
 * - 86215: appchat/create with a chat id that exists (WxCpErrorMsgEnum CODE_86215 "会话ID已经存在").
 */
export const TASK_ID_USED = 42014;
export const RESPONSE_CODE_USED = 42022;
export const CHAT_ID_EXISTS = 86215;

/** Anything else (42022 response_code used, 81013 no valid recipient, card validation 4202x…)
 *  is final: the same request cannot succeed. */
export function describeErrcode(errcode: number, errmsg: string): string {
  const known: Record<number, string> = {
    42014: 'template card task_id already used',
    42022: 'response_code already used or expired',
    86215: 'chat id already exists',
    81013: 'no recipient is valid or within the app visible range',
    82001: 'all recipients are empty',
    86003: 'chat does not exist',
    86008: 'chat was not created by this app',
    45009: 'API frequency limit reached',
    45033: 'too many concurrent calls',
    60020: 'server IP is not in the app trusted IP list',
    40007: 'invalid media_id (an uploaded file is kept 3 days)',
    40006: 'invalid file size',
  };
  return `wecom errcode ${errcode}: ${known[errcode] ?? errmsg}`;
}
