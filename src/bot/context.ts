// What a handler needs to answer one inbound event: who sent it, and reply helpers that
// write idempotent Outbox rows (a retried event produces the same keys, so nothing twice).
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { InboundEvent, NeutralCard, OutboundMessage } from '../platforms/types.ts';
import type { ClaimedInboundEvent } from '../repositories/inbound-repo.ts';
import type { PersonWithRoles } from '../repositories/people-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import type { Outbound } from '../services/outbound.ts';

export interface BotDeps {
  db: Db;
  clock: Clock;
  outbound: Outbound;
  logger: Logger;
}

export class BotContext {
  private replies = 0;

  constructor(
    readonly deps: BotDeps,
    readonly row: ClaimedInboundEvent,
    readonly event: InboundEvent,
    readonly person: PersonWithRoles | undefined,
  ) {}

  get orgId(): number {
    return this.row.orgId;
  }

  /** The person, for handlers that only run for known people. */
  get actor(): PersonWithRoles {
    if (!this.person) throw new Error('no person for this event');
    return this.person;
  }

  reply(text: string): Promise<number> {
    return this.send(this.event.chatType === 'group' && this.event.chatId
      ? { kind: 'chat_text', chatId: this.event.chatId, text }
      : { kind: 'text', toUsers: [this.event.senderId], text });
  }

  /** To the sender's private chat with the app, even when the event came from a group. */
  replyPrivately(text: string): Promise<number> {
    return this.send({ kind: 'text', toUsers: [this.event.senderId], text });
  }

  replyCard(card: NeutralCard): Promise<number> {
    return this.send({ kind: 'card', toUsers: [this.event.senderId], card });
  }

  /** A task id unique to this event, for cards that answer it. */
  taskId(prefix: string): string {
    return `${prefix}-${this.row.id}-${this.replies}`;
  }

  private send(message: OutboundMessage): Promise<number> {
    const key = `reply:${this.row.channel}:${this.row.id}:${this.replies++}`;
    return this.deps.outbound.send(this.orgId, this.event.channel, [{ key, message }]);
  }
}
