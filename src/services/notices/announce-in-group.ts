// Rule A4 says a deputies'-home activity is also made public: besides the per-person cards, a
// unit with a group chat (a WeCom app chat or a DingTalk group) gets one line about the activity, once per version.
// Cards never go to the group: a group card is shared, and answers are per person.
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { parseChatRef } from '../../platforms/types.ts';
import type { Outbound } from '../outbound.ts';
import { noticeMessages as m } from './messages.ts';

export interface AnnouncedActivity {
  id: number;
  kind: string;
  orgId: number;
  revision: number;
  title: string;
  place: string;
  startAt: Date;
  unit: { name: string; groupChat: string | null };
}

/** dutyNames: for a reception day, the deputies on duty (rule R2: the public is told who). */
export async function announceInGroup(outbound: Outbound, a: AnnouncedActivity, dutyNames?: string[]): Promise<number> {
  if (!a.unit.groupChat) return 0;
  const { channel, chatId } = parseChatRef(a.unit.groupChat);
  const time = formatDateTime(a.startAt);
  const text = a.kind === 'reception' && dutyNames
    ? m.receptionAnnouncement(a.unit.name, time, a.place, dutyNames)
    : m.announcement(a.unit.name, a.title, time, a.place);
  return outbound.send(a.orgId, channel, [{ key: `announce|${a.id}|${a.revision}`, message: { kind: 'chat_text', chatId, text } }]);
}
