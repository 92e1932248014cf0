// The one way business code sends anything: write Outbox rows (idempotent by key) and nudge
// the outbox worker. Nothing here talks to a platform.
import { createHash } from 'node:crypto';
import type { Clock } from '../lib/clock.ts';
import { traitsOf } from '../platforms/traits.ts';
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
      items.flatMap((item) => fitToPlatform(channel, item)).map((item) => ({
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

/**
 * One row is one platform call: a list longer than the platform takes in a call (its traits)
 * becomes several rows, the first under the item's own key, the next under key|part2, … — the
 * same split on every retry of the same work, so the keys stay unique and stable.
 */
function fitToPlatform(channel: Channel, item: OutboundItem): OutboundItem[] {
  const { message } = item;
  const traits = traitsOf(channel);
  const max = message.kind === 'card' ? (traits.maxCardRecipients ?? traits.maxRecipients) : traits.maxRecipients;
  if (!('toUsers' in message) || message.toUsers.length <= max) return [item];
  const parts: OutboundItem[] = [];
  for (let i = 0; i < message.toUsers.length; i += max) {
    const key = i === 0 ? item.key : `${item.key}|part${i / max + 1}`;
    parts.push({ ...item, key, message: { ...message, toUsers: message.toUsers.slice(i, i + max) } as OutboundMessage });
  }
  return parts;
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
