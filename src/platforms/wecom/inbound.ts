// Decrypted WeCom callback XML -> neutral InboundEvent plus the platform key that makes a
// redelivery recognisable (MsgId for messages; sender + CreateTime + event + key/task for events).
import type { InboundEvent } from '../types.ts';
import { XmlError } from './xml.ts';

export interface ParsedCallback {
  event: InboundEvent;
  platformKey: string;
}

type Fields = Record<string, unknown>;

export function toInboundEvent(fields: Fields, appKey: string): ParsedCallback {
  const senderId = text(fields, 'FromUserName');
  const createTime = text(fields, 'CreateTime');
  const msgType = text(fields, 'MsgType');
  if (!senderId || !/^\d{1,12}$/.test(createTime) || !msgType) {
    throw new XmlError('callback lacks FromUserName, CreateTime or MsgType');
  }
  const base = {
    channel: 'wecom' as const,
    senderId,
    chatType: 'single' as const,
    sentAt: new Date(Number(createTime) * 1000).toISOString(),
  };
  if (msgType !== 'event') {
    const msgId = text(fields, 'MsgId');
    if (!/^\d{1,20}$/.test(msgId)) throw new XmlError('message callback lacks a numeric MsgId');
    return {
      platformKey: `${appKey}:msg:${msgId}`,
      event: { ...base, type: 'message', msgId, msgType, text: text(fields, 'Content'), mediaRef: mediaRef(fields) },
    };
  }
  const eventName = text(fields, 'Event');
  const eventKey = text(fields, 'EventKey');
  const taskId = text(fields, 'TaskId');
  const platformKey = `${appKey}:evt:${senderId}:${createTime}:${eventName}:${eventKey}:${taskId}`;
  if (eventName === 'template_card_event') {
    return {
      platformKey,
      event: {
        ...base,
        type: 'card_action',
        actionKey: eventKey,
        taskId,
        cardHandle: text(fields, 'ResponseCode') || undefined,
        selections: selections(fields),
      },
    };
  }
  return { platformKey, event: { ...base, type: 'event', event: eventName, eventKey: eventKey || undefined } };
}

function text(fields: Fields, name: string): string {
  const v = fields[name];
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
}

function mediaRef(fields: Fields): string | undefined {
  return text(fields, 'MediaId') || text(fields, 'PicUrl') || undefined;
}

function selections(fields: Fields): Record<string, string[]> {
  const items = (fields.SelectedItems as Fields | undefined)?.SelectedItem;
  if (!Array.isArray(items)) return {};
  const out: Record<string, string[]> = {};
  for (const item of items as Fields[]) {
    const key = text(item, 'QuestionKey');
    const ids = (item.OptionIds as Fields | undefined)?.OptionId;
    if (key) out[key] = Array.isArray(ids) ? ids.map(String) : [];
  }
  return out;
}
