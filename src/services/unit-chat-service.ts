// A unit's group chat for one-line activity announcements (rule A4): link an existing chat
// (a WeCom app chat id, or "dingtalk:<openConversationId>" for a DingTalk group the robot is
// in), or have the app create one with the unit's members on the organisation's preferred
// platform (audience.ts: one it has an app on) where that platform's app can create chats, or unlink.
import { UNIT_LEAD_ROLES } from '../domain/roles.ts';
import { findUnitContacts } from '../repositories/people-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import { chatRefOf, isChatRef } from '../platforms/types.ts';
import { traitsOf } from '../platforms/traits.ts';
import { preferredPlatform } from './audience.ts';
import { Outbound } from './outbound.ts';
import { channelLabels, platformLabels } from './roster/messages.ts';

export type UnitChatResult = { ok: true; message: string } | { ok: false; message: string };

/** A unit by name (the command line) or by id (the console: two units of different kinds may share a name). */
type UnitRef = string | { id: number };

async function findUnit(db: Db, orgId: number, ref: UnitRef) {
  return db.unit.findFirst({ where: { orgId, ...(typeof ref === 'string' ? { name: ref } : { id: ref.id }) }, select: { id: true, name: true } });
}

export async function setUnitChat(db: Db, orgId: number, unitName: UnitRef, chatId: string | null): Promise<UnitChatResult> {
  const unit = await findUnit(db, orgId, unitName);
  if (!unit) return { ok: false, message: `--unit: 本组织没有名为「${unitName}」的单位` };
  if (chatId !== null && !isChatRef(chatId)) return { ok: false, message: `--chatid: 「${chatId}」不是群聊 ID（1–32 位字母或数字，钉钉群写 dingtalk:群的 openConversationId）` };
  await db.unit.update({ where: { id: unit.id }, data: { groupChat: chatId } });
  return { ok: true, message: chatId ? `${unit.name}的活动通知将同时在群聊 ${chatId} 发一条提示。` : `${unit.name}不再在群聊发提示。` };
}

/** Asks the app to create the unit's chat (the outbox sends it) and links it. */
export async function createUnitChat(db: Db, orgId: number, unitName: UnitRef, now: Date): Promise<UnitChatResult> {
  const unit = await findUnit(db, orgId, unitName);
  if (!unit) return { ok: false, message: `--unit: 本组织没有名为「${unitName}」的单位` };
  const channel = await preferredPlatform(db, orgId);
  if (!traitsOf(channel).createsChats) return { ok: false, message: `${platformLabels[channel]}的机器人不能建群：请把机器人加入${unit.name}的群，再用群聊 ID「dingtalk:群的 openConversationId」关联这个群。` };
  const members = await findUnitContacts(db, [unit.id], ['leader', 'vice_leader', 'liaison', 'recorder', 'member', 'head', 'vice_head'], channel);
  const userIds = [...new Set(members.map((c) => c.platformUserId).filter((u): u is string => !!u))];
  if (userIds.length < 2) return { ok: false, message: `${unit.name}有${channelLabels[channel]}的成员不足 2 人，无法建群。` };
  const owner = members.find((c) => (UNIT_LEAD_ROLES as readonly string[]).includes(c.role) && c.platformUserId)?.platformUserId ?? userIds[0]!;
  const chatId = `unit${unit.id}`;
  await new Outbound(db, { now: () => now }).send(orgId, channel, [
    { key: `chat-create|${chatId}`, message: { kind: 'chat_create', chatId, name: unit.name.slice(0, 50), owner, members: userIds } },
  ]);
  await db.unit.update({ where: { id: unit.id }, data: { groupChat: chatRefOf(channel, chatId) } });
  return { ok: true, message: `已请求为${unit.name}建群（${userIds.length} 人，群聊 ID ${chatId}）；机器人运行时会立即创建。` };
}
