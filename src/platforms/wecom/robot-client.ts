// Answers one intelligent-robot message through its response_url: a plain JSON POST (no
// token, no encryption) that WeCom accepts once, within an hour of the callback [D-101138].
// Markdown is the one type that works in both single and group chats.
import { HttpRequestError, httpRequest, type HttpAnswer } from '../../lib/http-client.ts';
import { PlatformError, type OutboundMessage, type SendReceipt } from '../types.ts';
import { describeErrcode, isTransient, minimumWaitMs } from './errcodes.ts';

type RobotReply = Extract<OutboundMessage, { kind: 'robot_reply' }>;

/** WeCom's cap on markdown content in a robot reply [D-101138]. */
export const ROBOT_MARKDOWN_MAX_BYTES = 20_480;
const REQUEST_TIMEOUT_MS = 10_000;

export async function sendRobotReply(reply: RobotReply, timeoutMs = REQUEST_TIMEOUT_MS): Promise<SendReceipt> {
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { content: robotMarkdown(reply) } });
  let res: HttpAnswer;
  try {
    res = await httpRequest(reply.replyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      timeoutMs,
    });
  } catch (err) {
    // Sent and no answer: the reply may have gone out (see client.ts request() for the table).
    const unknown = err instanceof HttpRequestError ? err.requestSent : true;
    throw new PlatformError('wecom', -1, `network error: ${(err as Error).message}`, false, undefined, unknown);
  }
  if (res.status !== 200) {
    throw new PlatformError('wecom', -1, `HTTP ${res.status} from the robot response_url`, false, undefined, res.status >= 500);
  }
  const code = errcodeOf(res.body);
  if (code === 0) return {};
  // A used or expired response_url cannot succeed later (the exact errcode is undocumented),
  // so anything but the busy / rate-limit codes is final: the answer then goes to the asker
  // privately (the outbox worker's fallback).
  throw new PlatformError('wecom', code, describeErrcode(code, 'robot response_url refused'), !isTransient(code), minimumWaitMs(code));
}

/**
 * The content as WeCom renders it. In a group the answer starts with `<@userid>`, the
 * mention syntax of WeCom robot markdown (documented for the group-robot webhook, doc 91770,
 * and assumed the same for response_url replies; WeCom also quotes the asker's message there).
 */
export function robotMarkdown(reply: Pick<RobotReply, 'markdown' | 'toUser' | 'chatId'>): string {
  const content = reply.chatId ? `<@${reply.toUser}> ${reply.markdown}` : reply.markdown;
  return clipUtf8(content, ROBOT_MARKDOWN_MAX_BYTES);
}

function clipUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const chars = [...text];
  let bytes = 3; // the ellipsis
  let end = 0;
  while (end < chars.length && bytes + Buffer.byteLength(chars[end]!) <= maxBytes) bytes += Buffer.byteLength(chars[end++]!);
  return chars.slice(0, end).join('') + '…';
}

/** errcode of the answer; an empty body counts as success (doc 101138 documents no body). */
function errcodeOf(body: string): number {
  if (!body.trim()) return 0;
  try {
    const code = (JSON.parse(body) as { errcode?: unknown }).errcode;
    return typeof code === 'number' ? code : 0;
  } catch {
    throw new PlatformError('wecom', -1, 'the robot response_url answered with a body that is not JSON', false, undefined, true);
  }
}
