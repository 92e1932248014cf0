// A message that could not be delivered the way it was meant to, sent another way so the
// person still learns what it said: a card update (its one-use response_code spent or
// expired) becomes its fallback text; a robot answer (its one-use response_url expired or
// refused) becomes a private application text to the asker.
import type { OutboundMessage } from '../platforms/types.ts';
import { outboxMessages as m } from './messages.ts';

export function fallbackFor(message: OutboundMessage): Extract<OutboundMessage, { kind: 'text' }> | undefined {
  switch (message.kind) {
    case 'card_update':
    case 'card_settle':
      return message.fallbackText ? { kind: 'text', toUsers: message.toUsers, text: message.fallbackText } : undefined;
    case 'robot_reply': {
      const intro = message.chatId ? m.robotFallbackGroup : m.robotFallbackSingle;
      return { kind: 'text', toUsers: [message.toUser], text: `${intro}\n${message.markdown}` };
    }
    default:
      return undefined;
  }
}
