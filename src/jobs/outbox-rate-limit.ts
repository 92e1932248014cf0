// A platform may silently drop messages past a quota a minute to one member (WeCom: 30; each
// client declares its own in its traits): claimed rows over the quota wait until the oldest
// send of that minute ages out. A member is a user id in one organisation's app (memberKey):
// the same id in another organisation has a quota of its own.
// One query per claim, per organisation and limited channel.
import { memberKey } from '../repositories/outbox-pick.ts';
import type { Db } from '../repositories/prisma.ts';
import * as outbox from '../repositories/outbox-repo.ts';

type Row = outbox.ClaimedOutboxRow;

export async function applyMemberLimit(db: Db, rows: Row[], now: Date, perMinuteOf: (channel: string) => number | undefined) {
  const send: Row[] = [];
  const defer: [Row, Date][] = [];
  const limited = rows.filter((r) => !r.recipient.startsWith('chat:') && !r.recipient.includes('|') && perMinuteOf(r.channel) !== undefined);
  const recent = await recentSendsOf(db, limited, now);
  const inBatch = new Map<string, number>();
  for (const r of limited) inBatch.set(memberKey(r), (inBatch.get(memberKey(r)) ?? 0) + 1);
  const allowance = new Map<string, number>();
  for (const r of limited) {
    const key = memberKey(r);
    if (allowance.has(key)) continue;
    const claimed = inBatch.get(key)!;
    // recentSends counts the claimed rows too (they are 'sending'): the quota is for the rest.
    allowance.set(key, perMinuteOf(r.channel)! - ((recent.get(key)?.count ?? claimed) - claimed));
  }
  for (const row of rows) {
    const key = memberKey(row);
    const left = allowance.get(key);
    if (left === undefined || left > 0) {
      send.push(row);
      if (left !== undefined) allowance.set(key, left - 1);
      continue;
    }
    const oldest = recent.get(key)?.oldestSentAt ?? now;
    defer.push([row, new Date(Math.max(oldest.getTime() + 60_000, now.getTime() + 1_000))]);
  }
  return { send, defer };
}

/** The minute's sends of every member in `rows`, by memberKey. */
async function recentSendsOf(db: Db, rows: Row[], now: Date): Promise<Map<string, outbox.RecentSends>> {
  const byApp = new Map<string, { orgId: number; channel: string; members: Set<string> }>();
  for (const r of rows) {
    const app = `${r.orgId}\n${r.channel}`;
    const group = byApp.get(app) ?? { orgId: r.orgId, channel: r.channel, members: new Set<string>() };
    group.members.add(r.recipient);
    byApp.set(app, group);
  }
  const recent = new Map<string, outbox.RecentSends>();
  const since = new Date(now.getTime() - 60_000);
  for (const { orgId, channel, members } of byApp.values()) {
    for (const [member, sends] of await outbox.recentSends(db, orgId, channel, [...members], since)) {
      recent.set(memberKey({ orgId, channel, recipient: member }), sends);
    }
  }
  return recent;
}
