// The one way business code sends anything: write Outbox rows (idempotent by key) and nudge
// the outbox worker. Nothing here talks to a platform.
import { createHash } from 'node:crypto';
import type { Clock } from '../lib/clock.ts';
import type { Channel, OutboundMessage } from '../platforms/types.ts';
import { CONVERSATION_PRIORITY, enqueue } from '../repositories/outbox-repo.ts';
import type { Db } from '../repositories/prisma.ts';

export interface OutboundItem {
  /** Unique for this message for ever: a retry of the same work must produce the same key. */
  key: string;
  message: OutboundMessage;
  notBefore?: Date;
  /**
   * An answer to what the recipient just wrote (their own conversation): sent before anything
   * scheduled, so a 取消 never waits behind a notice to a thousand people.
   */
  conversation?: boolean;
}

export class Outbound {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly onEnqueued: () => void = () => {},
  ) {}

  async send(orgId: number, channel: Channel, items: OutboundItem[]): Promise<number> {
    const added = await enqueue(
      this.db,
      items.map((item) => ({
        orgId,
        channel,
        idempotencyKey: item.key,
        kind: item.message.kind,
        recipient: recipientOf(item.message),
        payload: JSON.stringify(item.message),
        notBefore: item.notBefore,
        contentHash: contentHashOf(channel, item.message),
        priority: item.conversation ? CONVERSATION_PRIORITY : 0,
      })),
      this.clock.now(),
    );
    if (added > 0) this.onEnqueued();
    return added;
  }
}

function recipientOf(message: OutboundMessage): string {
  if (message.kind === 'chat_text' || message.kind === 'chat_create') return `chat:${message.chatId}`;
  // The robot's budget is per conversation (30 a minute), separate from the app's per member.
  if (message.kind === 'robot_reply') return message.chatId ? `chat:${message.chatId}` : `robot:${message.toUser}`;
  return message.toUsers.join('|');
}

/**
 * A text's fingerprint without its recipients. Two rows with the same one to the same person
 * are twins: a platform's duplicate check could drop the second as a repeat of the first
 * (the same "请回复“是”或“否”" after two wrong answers), so the worker sends a twin without
 * that check. Only plain texts to members can be twins; cards carry a unique id per row.
 * The prefix says one recipient ("s:") or several ("m:"), so the worker finds a one-person
 * row's twins by index (same hash and recipient) plus the few batch rows with the text.
 */
export function contentHashOf(channel: Channel, message: OutboundMessage): string | undefined {
  if (message.kind !== 'text' && message.kind !== 'markdown') return undefined;
  const body = message.kind === 'text' ? message.text : message.markdown;
  const hash = createHash('sha256').update(`${channel}\n${message.kind}\n${body}`).digest('hex');
  return `${message.toUsers.length > 1 ? 'm' : 's'}:${hash}`;
}
