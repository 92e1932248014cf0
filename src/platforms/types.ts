// The neutral boundary between platforms and the bot. Only src/platforms/* knows XML, AES,
// template-card JSON or access tokens; everything else speaks these types.

export type Channel = 'wecom' | 'dingtalk';

interface InboundBase {
  channel: Channel;
  /** The platform's user id of the sender (WeCom userid, DingTalk userId). */
  senderId: string;
  /** 'group' when it came from a group chat; the reply then goes to chatId. */
  chatType: 'single' | 'group';
  chatId?: string;
  /** When the platform says it happened (ISO 8601). */
  sentAt: string;
  /**
   * A one-use URL for answering this message later (the WeCom robot's response_url: one
   * call, within an hour). When present, all answers to the event go out as one message.
   */
  replyUrl?: string;
}

export interface InboundMessage extends InboundBase {
  type: 'message';
  msgId: string;
  /** text | image | voice | video | file | location | link | mixed */
  msgType: string;
  /** The text, trimmed; empty for non-text messages. */
  text: string;
  /** A platform reference to attached media (media id / url), when there is one. */
  mediaRef?: string;
}

export interface InboundCardAction extends InboundBase {
  type: 'card_action';
  /** The clicked button's key: "<actionId>" or "<actionId>:<argument>" (see cards/). */
  actionKey: string;
  taskId: string;
  /**
   * The neutral handle that updates the clicked card: WeCom's single-use response_code (72 h),
   * DingTalk's outTrackId. Services pass it back in card_update / card_settle untouched.
   */
  cardHandle?: string;
  selections: Record<string, string[]>;
}

export interface InboundPlatformEvent extends InboundBase {
  type: 'event';
  /** enter_agent | click | subscribe | ... */
  event: string;
  eventKey?: string;
}

export type InboundEvent = InboundMessage | InboundCardAction | InboundPlatformEvent;

export interface CardField {
  label: string;
  value: string;
}

export interface CardButton {
  key: string;
  text: string;
  style?: 'primary' | 'danger' | 'default';
}

/** A card as the bot means it; each adapter renders it in its platform's format. */
export interface NeutralCard {
  taskId: string;
  source?: string;
  title: string;
  description?: string;
  emphasis?: { title: string; description?: string };
  quote?: string;
  fields?: CardField[];
  buttons: CardButton[];
  /** Shown instead of the buttons once the card is settled ("已批准（张三）"). */
  settledText?: string;
}

/**
 * Card updates carry the card's neutral `handle` (WeCom: a single-use response_code, once,
 * within 72 h; DingTalk: the card's outTrackId). When the update dies (code spent or
 * expired), the outbox worker sends `fallbackText` to the same users as a fresh text instead,
 * so they still learn the outcome.
 */
export type OutboundMessage =
  | { kind: 'text'; toUsers: string[]; text: string }
  | { kind: 'markdown'; toUsers: string[]; markdown: string }
  | { kind: 'card'; toUsers: string[]; card: NeutralCard }
  | { kind: 'card_update'; toUsers: string[]; handle: string; card: NeutralCard; fallbackText?: string }
  /** Greys out the buttons of a clicked card and shows `text` instead (e.g. 已批准（张三）). */
  | { kind: 'card_settle'; toUsers: string[]; handle: string; text: string; fallbackText?: string }
  | { kind: 'chat_text'; chatId: string; text: string }
  | { kind: 'chat_create'; chatId: string; name: string; owner: string; members: string[] }
  /**
   * The one answer to a message that came with a replyUrl, to `toUser` in the group `chatId`
   * (the adapter starts it with its platform's mention of toUser) or in their single chat.
   */
  | { kind: 'robot_reply'; replyUrl: string; markdown: string; toUser: string; chatId?: string }
  /**
   * A file uploaded with PlatformClient.uploadFile, to members privately (a register asked for
   * by chat). `mediaExpiresAt` (ISO): after it the platform no longer has the file (WeCom: 3
   * days), so the send certainly fails and is not tried.
   */
  | { kind: 'file'; toUsers: string[]; mediaId: string; fileName: string; mediaExpiresAt: string };

/** A file the platform holds for a later 'file' message. */
export interface UploadedMedia {
  mediaId: string;
  /** When the platform forgets it (WeCom: 3 days after the upload). */
  expiresAt: Date;
}

export interface SendReceipt {
  messageId?: string;
  /** The handle that updates a sent card later (WeCom: response_code; DingTalk: outTrackId). */
  cardHandle?: string;
  /** Recipients the platform refused while delivering to the others. */
  invalidUsers?: string[];
  /** The platform refused a repeat of a call it had already carried out: delivered earlier. */
  alreadyDelivered?: boolean;
}

/** What the outbox tells a client about the row it is sending. */
export interface SendOptions {
  /** The outbox row's idempotency key: unique for ever, the same on every try. */
  key: string;
  /** When the row was written: with the key, it makes platform ids unique across reinstalls. */
  createdAt: Date;
  /**
   * Ask the platform to drop a repeat of this exact request (true unless a twin went out in
   * the window; see RepeatGuard).
   */
  repeatProtection: boolean;
  /** An earlier try's outcome is unknown: a refusal "already used" means it was delivered. */
  maybeDelivered: boolean;
}

/**
 * How the platform protects a repeated send of one message, which decides whether a send
 * whose outcome is unknown (timeout, reset, a process killed mid-call) may be tried again:
 * - 'window': the platform drops an identical request inside `windowMs` of the first (WeCom's
 *   duplicate check); repeating is safe only inside it, and only while no twin (another row
 *   with the same text to the same person) went out in between.
 * - 'unique': the platform refuses a second use of an id for ever (a card's task_id, a one-use
 *   reply URL, a chat id): repeating is always safe. `expiresAt`: after it the call cannot work.
 * - 'none': nothing protects a repeat; an unknown outcome is never repeated.
 */
export type RepeatGuard =
  | { kind: 'window'; windowMs: number }
  | { kind: 'unique'; expiresAt?: Date }
  | { kind: 'none' };

/**
 * What the core must know of a platform's limits, declared by the platform (its traits.ts):
 * the outbox splits recipient lists and paces members by them, never by a platform's name.
 */
export interface PlatformTraits {
  /** Most user ids one send may carry (WeCom message/send 1,000; DingTalk batchSend 20). */
  maxRecipients: number;
  /** Messages one member may get a minute before the platform drops the rest (none: no limit). */
  perMemberPerMinute?: number;
  /** Most user ids one card send may carry, when fewer than maxRecipients (DingTalk: one space a card). */
  maxCardRecipients?: number;
  /** The app can create a group chat with members it names (WeCom appchat/create; a DingTalk robot cannot). */
  createsChats?: boolean;
}

/**
 * Outbox keys written before a second platform existed carry no channel; rows for this
 * channel keep them, so a restart across the upgrade re-writes the same keys (nothing twice).
 */
export const LEGACY_KEY_CHANNEL: Channel = 'wecom';

/** A key for one channel's share of a send to people on several platforms. */
export function keyOnChannel(key: string, channel: Channel): string {
  return channel === LEGACY_KEY_CHANNEL ? key : `${key}|${channel}`;
}

/**
 * A group chat as stored on a unit: "<channel>:<chat id>", or a bare id for chats linked
 * before a second platform existed (WeCom app chats: [0-9A-Za-z]{1,32}, never a colon).
 */
export function parseChatRef(ref: string): { channel: Channel; chatId: string } {
  const m = /^(wecom|dingtalk):(.+)$/.exec(ref);
  return m ? { channel: m[1] as Channel, chatId: m[2]! } : { channel: LEGACY_KEY_CHANNEL, chatId: ref };
}

/** The stored form of a chat: bare on the legacy channel (as before), else prefixed. */
export function chatRefOf(channel: Channel, chatId: string): string {
  return channel === LEGACY_KEY_CHANNEL ? chatId : `${channel}:${chatId}`;
}

/** A chat id an admin may link: a WeCom app chat id, or a prefixed DingTalk openConversationId. */
export function isChatRef(ref: string): boolean {
  return /^[0-9A-Za-z]{1,32}$/.test(ref) || /^dingtalk:[0-9A-Za-z+/=_-]{1,128}$/.test(ref);
}

export interface PlatformClient {
  readonly channel: Channel;
  readonly traits: PlatformTraits;
  send(message: OutboundMessage, options?: SendOptions): Promise<SendReceipt>;
  /** The platform's protection against a repeat of this message (default: none). */
  repeatGuard?(message: OutboundMessage, createdAt: Date): RepeatGuard;
  /**
   * Uploads a file for a 'file' message. Not a delivery: uploading twice only makes a second
   * copy at the platform, so a job may repeat it freely; the message carries one media id.
   */
  uploadFile?(file: { path: string; name: string }): Promise<UploadedMedia>;
}

/** A platform refused a call. `final` means retrying the same request cannot succeed. */
export class PlatformError extends Error {
  constructor(
    readonly channel: Channel,
    readonly code: number,
    message: string,
    readonly final: boolean,
    /** A minimum wait before retrying, for rate limits. */
    readonly retryAfterMs?: number,
    /**
     * The platform may have carried the call out (a timeout or reset after the request was
     * sent, a 5xx from a gateway): "unknown outcome", not "certainly not delivered".
     */
    readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/**
 * A platform's sign-in for web pages opened from its app (the console): where to send the
 * browser, and who came back. Each platform implements it in src/platforms/<name>.
 */
export interface WebSignIn {
  authorizeUrl(redirectUri: string, state: string): string;
  /** The member's user id for a code the platform handed back; undefined when it refuses it. */
  userIdFromCode(code: string): Promise<string | undefined>;
}
