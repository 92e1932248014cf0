// What a handler needs to answer one inbound event: who sent it, and reply helpers that
// write idempotent Outbox rows (a retried event produces the same keys, so nothing twice).
// An event that came with a one-use reply URL (the WeCom robot, mostly in group chats) is
// answered once: its replies are collected and finish() writes them as one row. In a group, an
// answer never repeats what the sender typed (echo-guard.ts): such an answer goes privately.
import type { Policy } from '../domain/policy.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { InboundEvent, NeutralCard, OutboundMessage } from '../platforms/types.ts';
import type { ClaimedInboundEvent } from '../repositories/inbound-repo.ts';
import { loadPolicy } from '../repositories/org-repo.ts';
import type { PersonWithRoles } from '../repositories/people-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import type { Outbound } from '../services/outbound.ts';
import { repeatsTyped } from './echo-guard.ts';
import { messages } from './messages.ts';

export interface BotDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  logger: Logger;
  /**
   * Told when a use case planned work that is already due (a notice of an activity published
   * late), so it runs now rather than at the next scheduler tick. Absent: the tick finds it.
   */
  onDueNow?: () => void;
}

export class BotContext {
  private replies = 0;
  /** Texts for the one answer through the event's reply URL, in order. */
  private readonly collected: string[] = [];
  /** What the group is told when part of the answer went to the private chat. */
  private privateNotice?: string;
  private loadedPolicy?: Promise<Policy>;

  constructor(
    readonly deps: BotDeps,
    readonly row: ClaimedInboundEvent,
    readonly event: InboundEvent,
    readonly person: PersonWithRoles | undefined,
  ) {}

  get orgId(): number {
    return this.row.orgId;
  }

  /** The organisation's policy (names of bodies, numbers), read once per event. */
  policy(): Promise<Policy> {
    this.loadedPolicy ??= loadPolicy(this.deps.db, this.orgId);
    return this.loadedPolicy;
  }

  /** The person, for handlers that only run for known people. */
  get actor(): PersonWithRoles {
    if (!this.person) throw new Error('no person for this event');
    return this.person;
  }

  /** Cards are per person: they go to a private chat with the app, never into a robot answer. */
  get canShowCards(): boolean {
    return this.event.chatType === 'single' && !this.event.replyUrl;
  }

  /** Whether the event came from a group chat (answers there are seen by everyone in it). */
  get inGroup(): boolean {
    return this.event.chatType === 'group';
  }

  reply(text: string): Promise<number> {
    if (this.inGroup && this.event.type === 'message' && repeatsTyped(text, this.event.text)) {
      this.deps.logger.info({ inboundId: this.row.id }, 'a group answer would repeat the sender\'s words: sent privately instead');
      return this.replyPrivately(text);
    }
    return this.post(text);
  }

  /** Answers where the event came from: the reply URL, the group chat, or the private chat. */
  private post(text: string): Promise<number> {
    if (this.event.replyUrl) return this.collect(text);
    return this.send(this.event.chatType === 'group' && this.event.chatId
      ? { kind: 'chat_text', chatId: this.event.chatId, text }
      : { kind: 'text', toUsers: [this.event.senderId], text });
  }

  /**
   * To the sender's private chat with the app, even when the event came from a group (rule
   * R6: personal matters stay out of the group); the group answer then says where it went.
   * The robot's single chat is already private: there it is simply part of the answer.
   */
  async replyPrivately(text: string, groupNotice: string = messages.answeredPrivately): Promise<number> {
    if (this.event.replyUrl && this.event.chatType === 'single') return this.collect(text);
    if (this.inGroup && !this.privateNotice) {
      this.privateNotice = groupNotice;
      await this.post(groupNotice);
    }
    return this.send({ kind: 'text', toUsers: [this.event.senderId], text });
  }

  /** A card to the sender; skipped where it cannot be theirs alone (text replies say the same). */
  replyCard(card: NeutralCard): Promise<number> {
    if (this.event.replyUrl) return Promise.resolve(0);
    return this.send({ kind: 'card', toUsers: [this.event.senderId], card });
  }

  /** A task id unique to this event, for cards that answer it. */
  taskId(prefix: string): string {
    return `${prefix}-${this.row.id}-${this.replies}`;
  }

  /**
   * Writes the collected answer as one robot_reply row (a response_url works once). Called by
   * the dispatcher when the event is handled; the key is the event's, so a retry adds nothing.
   */
  async finish(): Promise<number> {
    const { replyUrl } = this.event;
    const texts = this.collected;
    if (!replyUrl || texts.length === 0) return 0;
    const chatId = this.event.chatType === 'group' ? this.event.chatId : undefined;
    const message: OutboundMessage = { kind: 'robot_reply', replyUrl, markdown: texts.join('\n\n'), toUser: this.event.senderId, ...(chatId ? { chatId } : {}) };
    return this.deps.outbound.send(this.orgId, this.event.channel, [{ key: `reply:${this.row.channel}:${this.row.id}:robot`, message, conversation: true }]);
  }

  private collect(text: string): Promise<number> {
    this.collected.push(text);
    return Promise.resolve(0);
  }

  private send(message: OutboundMessage): Promise<number> {
    const key = `reply:${this.row.channel}:${this.row.id}:${this.replies++}`;
    // Every reply goes to the sender (privately or in the chat they wrote in): their conversation.
    return this.deps.outbound.send(this.orgId, this.event.channel, [{ key, message, conversation: true }]);
  }
}
