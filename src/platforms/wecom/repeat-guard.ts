// WeCom's own protection against a repeated send, per message kind (platforms.md §2.2, §3):
// - message/send with `enable_duplicate_check: 1`: an identical request inside
//   `duplicate_check_interval` seconds (default 1800, at most 4 hours) is not delivered again
//   (doc 90236, 发送应用消息: "在一定时间间隔内，同样内容（请求json）的消息，不会重复收到").
// - a template card's `task_id` is unique per app ([0-9A-Za-z_-@], at most 128 bytes): a second
//   send with a used task_id is refused with 42014 (see errcodes.ts), for ever.
// - one-use codes (a card's response_code, 72 h; the robot's response_url, 1 h) and a chat id
//   given to appchat/create are refused when used again.
// appchat/send documents no duplicate check: a group text has no protection.
import { createHash } from 'node:crypto';
import type { OutboundMessage, RepeatGuard } from '../types.ts';

/** The longest duplicate check WeCom allows (4 hours): the window for repeating a send. */
export const DUPLICATE_CHECK_INTERVAL_S = 14_400;
/** The robot's response_url works within 1 hour of the callback [D-101138]; the row is written a little later. */
const ROBOT_REPLY_VALID_MS = 55 * 60_000;
const TASK_ID_MAX_BYTES = 128;
const TASK_ID_CHARS = /^[0-9A-Za-z_\-@]+$/;
const PREFIX_MAX = 80;

export function wecomRepeatGuard(message: OutboundMessage, createdAt: Date): RepeatGuard {
  switch (message.kind) {
    case 'text':
    case 'markdown':
    case 'file': // the same media_id in the same body: the duplicate check drops a repeat too
      return { kind: 'window', windowMs: DUPLICATE_CHECK_INTERVAL_S * 1000 };
    case 'card':
    case 'card_update':
    case 'card_settle':
    case 'chat_create':
      return { kind: 'unique' };
    case 'robot_reply':
      return { kind: 'unique', expiresAt: new Date(createdAt.getTime() + ROBOT_REPLY_VALID_MS) };
    case 'chat_text':
      return { kind: 'none' };
  }
}

/**
 * The task_id of a card sent by one outbox row: the card's own readable id, then '@' and a
 * hash of the row's idempotency key and creation time. Unique per row (so two batches of one
 * notice never share one, and a reinstalled bot whose keys start again never meets an old
 * one), the same on every try of the row (so WeCom refuses a repeat).
 */
export function wecomTaskId(cardTaskId: string, key: string, createdAt: Date): string {
  const prefix = cardTaskId.replace(/[^0-9A-Za-z_\-]/g, '_').slice(0, PREFIX_MAX) || 'card';
  const hash = createHash('sha256').update(`${key}\n${createdAt.toISOString()}`).digest('base64url').slice(0, 22);
  return `${prefix}@${hash}`;
}

export function isValidTaskId(taskId: string): boolean {
  return TASK_ID_CHARS.test(taskId) && Buffer.byteLength(taskId) <= TASK_ID_MAX_BYTES;
}
