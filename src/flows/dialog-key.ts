// Whose dialog a message belongs to: one per (organisation, channel, chat, user); a private
// chat is "single", a group chat its id, so two deputies in one group keep separate dialogs.
import type { BotContext } from '../bot/context.ts';
import type { DialogKey } from '../repositories/dialog-repo.ts';

export function dialogKey(bot: BotContext): DialogKey {
  const { event } = bot;
  return {
    orgId: bot.orgId,
    channel: event.channel,
    chatKey: event.chatType === 'group' && event.chatId ? event.chatId : 'single',
    userId: event.senderId,
  };
}
