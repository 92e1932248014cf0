// What the simulated WeCom holds: each member's private chat with the app, the app's group
// chats and the robot's group chats, card response codes and the robot's one-use reply
// codes, and a version the page long-polls on. Its time is WeCom's (local mode's movable
// clock, a test's fixed one): messages are stamped with it and codes expire by it.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { FakeMedia } from './fake-media.ts';
import type { FakeSendRules } from './fake-send-rules.ts';

export interface SimMessage {
  id: number;
  /** "user:<userid>" for a member's private chat with the app, "chat:<chatid>" for a group. */
  conversation: string;
  /** 'bot', or the userid of the member who typed it. */
  from: string;
  kind: 'text' | 'markdown' | 'card' | 'file';
  text?: string;
  /** A file message: the uploaded media it delivered (downloadable from the page). */
  file?: { mediaId: string; name: string; size: number };
  /**
   * The template_card as the member sees it: as sent, or as update_template_card left it (a
   * button-only update keeps the content and sets `replace_text`, the grey button's text).
   */
  card?: Record<string, unknown>;
  at: string;
  /** What a member typed: 'sending' while its callback is in flight, then 'sent' or 'failed'. */
  status?: 'sending' | 'sent' | 'failed';
}

interface ResponseCode {
  messageIds: number[];
  used: boolean;
  expiresAt: number;
}

/** WeCom keeps a response_code usable once, for 72 hours. */
const RESPONSE_CODE_TTL_MS = 72 * 3600_000;
/** A robot's response_url works once, within 1 hour [D-101138]. */
const ROBOT_CODE_TTL_MS = 3600_000;

interface RobotCode {
  conversation: string;
  used: boolean;
  expiresAt: number;
}

export class SimStore {
  private readonly messages: SimMessage[] = [];
  private readonly codes = new Map<string, ResponseCode>();
  private readonly robotCodes = new Map<string, RobotCode>();
  private seq = 0;
  private changeCount = 0;
  private readonly events = new EventEmitter();
  readonly chats = new Map<string, { name: string; owner: string; members: string[] }>();
  /** message/send's duplicate check and task ids (set by the fake API). */
  sendRules?: FakeSendRules;
  /** Files uploaded with media/upload. */
  readonly media = new FakeMedia();

  constructor(private readonly now: () => number = Date.now) {
    this.events.setMaxListeners(0);
  }

  get version(): number {
    return this.changeCount;
  }

  add(message: Omit<SimMessage, 'id' | 'at'>): SimMessage {
    const stored = { ...message, id: ++this.seq, at: new Date(this.now()).toISOString() };
    this.messages.push(stored);
    this.changed();
    return stored;
  }

  get(id: number): SimMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  /** Records how a typed message's callback ended. */
  setStatus(id: number, status: NonNullable<SimMessage['status']>): void {
    const m = this.get(id);
    if (!m || m.status === status) return;
    m.status = status;
    this.changed();
  }

  /** Replaces what a card message shows (DingTalk: a PUT of its outTrackId's params). */
  setCard(id: number, card: Record<string, unknown>): void {
    const m = this.get(id);
    if (!m) return;
    m.card = card;
    this.changed();
  }

  /** Issues a fresh single-use response code for these card messages. */
  issueResponseCode(messageIds: number[]): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { messageIds, used: false, expiresAt: this.now() + RESPONSE_CODE_TTL_MS });
    return code;
  }

  /**
   * Spends a response code on a card update of these members' copies of the card; false when
   * the code is unknown, used or expired (42022). `update` gets each copy and returns what the
   * member sees next.
   */
  spendResponseCode(code: string, users: string[], update: (card: Record<string, unknown>) => Record<string, unknown>): boolean {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt < this.now()) return false;
    entry.used = true;
    for (const id of entry.messageIds) {
      const m = this.get(id);
      if (m?.card && users.some((u) => m.conversation === `user:${u}`)) m.card = update(m.card);
    }
    this.changed();
    return true;
  }

  /** Issues the code of a robot response_url that answers into this conversation. */
  issueRobotCode(conversation: string): string {
    const code = randomBytes(24).toString('base64url');
    this.robotCodes.set(code, { conversation, used: false, expiresAt: this.now() + ROBOT_CODE_TTL_MS });
    return code;
  }

  /** Spends a robot reply code: the conversation it answers into, or undefined when unknown, used or expired. */
  spendRobotCode(code: string): string | undefined {
    const entry = this.robotCodes.get(code);
    if (!entry || entry.used || entry.expiresAt < this.now()) return undefined;
    entry.used = true;
    return entry.conversation;
  }

  /** The messages of one conversation ("chat:<chatid>" for a robot group). */
  inConversation(conversation: string): SimMessage[] {
    return this.messages.filter((m) => m.conversation === conversation);
  }

  /** Messages a member can see in their private chat with the app (and the app's group chats). */
  visibleTo(user: string): SimMessage[] {
    const groups = new Set([...this.chats].filter(([, c]) => c.members.includes(user)).map(([id]) => `chat:${id}`));
    return this.messages.filter((m) => m.conversation === `user:${user}` || groups.has(m.conversation));
  }

  all(): SimMessage[] {
    return [...this.messages];
  }

  /**
   * How many messages the app delivered to each member's private chat, counting only those
   * `pick` accepts: what each person actually received, as the chaos harness reports it.
   */
  deliveryCounts(pick: (m: SimMessage) => boolean = () => true): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) {
      if (m.from !== 'bot' || !m.conversation.startsWith('user:') || !pick(m)) continue;
      const user = m.conversation.slice('user:'.length);
      counts.set(user, (counts.get(user) ?? 0) + 1);
    }
    return counts;
  }

  /** Resolves when the store changes after `version`, or after `timeoutMs`. */
  async waitForChange(version: number, timeoutMs: number): Promise<void> {
    if (this.changeCount !== version) return;
    await new Promise<void>((resolve) => {
      const events = this.events;
      const timer = setTimeout(done, timeoutMs);
      function done() {
        clearTimeout(timer);
        events.off('change', done);
        resolve();
      }
      events.once('change', done);
    });
  }

  private changed(): void {
    this.changeCount++;
    this.events.emit('change');
  }
}
