// Decrypted intelligent-robot callback JSON -> neutral InboundEvent plus the platform key that
// makes a redelivery recognisable (msgid, which messages and events both carry) [D-100719,
// D-101027]. Pure: no I/O, the receive time comes from the caller (messages carry no time).
import { MalformedCallbackError } from './callback-guard.ts';
import type { InboundEvent } from '../types.ts';

export class BotPayloadError extends MalformedCallbackError {
  constructor(message: string) {
    super(message);
    this.name = 'BotPayloadError';
  }
}

export type BotCallback =
  | { kind: 'event'; event: InboundEvent; platformKey: string }
  /** Understood but not for us (stream refresh, feedback, voice …): answered, never stored. */
  | { kind: 'ignored'; reason: string };

type Json = Record<string, unknown>;

export function toBotInboundEvent(payload: unknown, receivedAt: Date): BotCallback {
  const body = asObject(payload);
  const msgId = str(body.msgid);
  const aibotId = str(body.aibotid);
  const senderId = str(asObject(body.from).userid);
  const msgType = str(body.msgtype);
  const chatType = str(body.chattype) || 'single';
  const chatId = str(body.chatid);
  if (!msgId || !aibotId || !senderId || !msgType) throw new BotPayloadError('callback lacks msgid, aibotid, from.userid or msgtype');
  if (chatType !== 'single' && chatType !== 'group') throw new BotPayloadError(`unknown chattype ${chatType}`);
  if (chatType === 'group' && !chatId) throw new BotPayloadError('group callback lacks chatid');
  const base = {
    channel: 'wecom' as const,
    senderId,
    chatType,
    ...(chatType === 'group' ? { chatId } : {}),
    sentAt: sentAt(body, receivedAt),
    ...(str(body.response_url) ? { replyUrl: str(body.response_url) } : {}),
  } satisfies Omit<InboundEvent, 'type'>;
  const mapped = msgType === 'event' ? eventOf(body, base) : messageOf(body, msgType, msgId, base);
  if (typeof mapped === 'string') return { kind: 'ignored', reason: mapped };
  return { kind: 'event', event: mapped, platformKey: `bot:${aibotId}:msg:${msgId}` };
}

type Base = Omit<InboundEvent, 'type'>;

/** A message, or why it is ignored. Groups deliver only text and mixed; media come in single chats. */
function messageOf(body: Json, msgType: string, msgId: string, base: Base): InboundEvent | string {
  const message = { ...base, type: 'message' as const, msgId, msgType };
  switch (msgType) {
    case 'text':
      return { ...message, text: stripMention(str(asObject(body.text).content)) };
    case 'mixed': {
      const items = asArray(asObject(body.mixed).msg_item).map(asObject);
      const text = items.filter((i) => str(i.msgtype) === 'text').map((i) => str(asObject(i.text).content)).join('\n');
      const image = items.find((i) => str(i.msgtype) === 'image');
      const mediaRef = image ? str(asObject(image.image).url) || undefined : undefined;
      return { ...message, text: stripMention(text), ...(mediaRef ? { mediaRef } : {}) };
    }
    case 'image':
    case 'file': {
      const url = str(asObject(body[msgType]).url);
      return base.chatType === 'single' ? { ...message, text: '', ...(url ? { mediaRef: url } : {}) } : `${msgType} in a group`;
    }
    default:
      return `msgtype ${msgType}`; // stream refreshes, voice, video: nothing for the bot to do
  }
}

function eventOf(body: Json, base: Base): InboundEvent | string {
  const event = asObject(body.event);
  const eventType = str(event.eventtype);
  if (eventType === 'enter_chat') return { ...base, type: 'event', event: 'enter_chat' };
  if (eventType !== 'template_card_event') return `event ${eventType || '(none)'}`; // feedback_event …
  // The data sits under event.template_card_event (the SDK's typing puts it one level up; frames do not).
  const card = asObject(event.template_card_event);
  return {
    ...base,
    type: 'card_action',
    actionKey: str(card.event_key),
    taskId: str(card.task_id),
    selections: selections(card),
  };
}

/**
 * In a group the text keeps the mention ("@RobotA hello"). The robot's display name is not
 * known here, so a leading "@word" is taken to be it; WeCom puts a space (often U+2005) after.
 */
export function stripMention(text: string): string {
  return text.replace(/^\s*@\S+\s*/u, '').trim();
}

function sentAt(body: Json, receivedAt: Date): string {
  const seconds = Number(body.create_time);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : receivedAt.toISOString();
}

function selections(card: Json): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const item of asArray(asObject(card.selected_items).selected_item).map(asObject)) {
    const key = str(item.question_key);
    if (key) out[key] = asArray(asObject(item.option_ids).option_id).map(String);
  }
  return out;
}

function asObject(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}
