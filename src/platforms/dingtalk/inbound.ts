// DingTalk payloads -> neutral events, with the key that dedupes them in InboundEvent:
// - a robot message (TOPIC_ROBOT data, or the HTTP robot callback body; platforms.md §5.5):
//   by robotCode + msgId ([SOIMY] dedup key), as DingTalk may push an unacked one again;
// - a card click (TOPIC_CARD data, §7.3): by outTrackId + userId + the frame's time, as a click
//   carries no id of its own (two clicks of one person are two frames with their own times).
import type { InboundCardAction, InboundMessage } from '../types.ts';

export interface ParsedDingtalk {
  platformKey: string;
  event: InboundMessage | InboundCardAction;
}

export class DingtalkPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DingtalkPayloadError';
  }
}

type Json = Record<string, unknown>;

function field(o: Json, name: string): string {
  const v = o[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function parseJson(text: string): Json {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object') return v as Json;
  } catch {
    // fall through
  }
  throw new DingtalkPayloadError('payload is not a JSON object');
}

export function robotMessageToEvent(data: Json): ParsedDingtalk {
  const msgId = field(data, 'msgId');
  const sender = field(data, 'senderStaffId');
  if (!msgId || !sender) throw new DingtalkPayloadError('robot message without msgId or senderStaffId');
  const group = field(data, 'conversationType') === '2';
  const msgType = field(data, 'msgtype') || 'text';
  const text = msgType === 'text' ? field((data.text ?? {}) as Json, 'content').trim() : '';
  const createAt = Number(data.createAt);
  return {
    platformKey: `msg:${field(data, 'robotCode')}:${msgId}`,
    event: {
      type: 'message', channel: 'dingtalk', senderId: sender,
      chatType: group ? 'group' : 'single',
      ...(group ? { chatId: field(data, 'conversationId') } : {}),
      sentAt: new Date(Number.isFinite(createAt) && createAt > 0 ? createAt : Date.parse('1970-01-01')).toISOString(),
      msgId, msgType, text,
    },
  };
}

/** A card click; `time` is the frame's time header (ms). The clicked button's key is its `key` param. */
export function cardCallbackToEvent(data: Json, time: string): ParsedDingtalk {
  const outTrackId = field(data, 'outTrackId');
  const userId = field(data, 'userId');
  if (!outTrackId || !userId) throw new DingtalkPayloadError('card callback without outTrackId or userId');
  const content = typeof data.content === 'string' ? parseJson(data.content) : ((data.content ?? {}) as Json);
  const priv = (content.cardPrivateData ?? {}) as { actionIds?: unknown; params?: Json };
  const params = (priv.params ?? {}) as Json;
  // [SOIMY] also reads value/actionValue: parse defensively.
  const actionKey = field(params, 'key') || field(content, 'value') || field(content, 'actionValue') || (Array.isArray(priv.actionIds) ? String(priv.actionIds[0] ?? '') : '');
  if (!actionKey) throw new DingtalkPayloadError('card callback without an action key');
  const at = Number(time);
  return {
    platformKey: `card:${outTrackId}:${userId}:${time}`,
    event: {
      type: 'card_action', channel: 'dingtalk', senderId: userId, chatType: 'single',
      sentAt: new Date(Number.isFinite(at) && at > 0 ? at : 0).toISOString(),
      actionKey, taskId: outTrackId, cardHandle: outTrackId, selections: {},
    },
  };
}
