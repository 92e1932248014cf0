// A platform may silently drop messages past a quota a minute to one member (WeCom: 30; each
// client declares its own in its traits): claimed rows over the quota wait until the oldest
// send of that minute ages out. One query per claim, per limited channel.
import type { Db } from '../repositories/prisma.ts';
import * as outbox from '../repositories/outbox-repo.ts';

export async function applyMemberLimit(db: Db, rows: outbox.ClaimedOutboxRow[], now: Date, perMinuteOf: (channel: string) => number | undefined) {
  const send: outbox.ClaimedOutboxRow[] = [];
  const defer: [outbox.ClaimedOutboxRow, Date][] = [];
  const limited = rows.filter((r) => !r.recipient.startsWith('chat:') && !r.recipient.includes('|') && perMinuteOf(r.channel) !== undefined);
  const recent = new Map<string, outbox.RecentSends>();
  for (const channel of new Set(limited.map((r) => r.channel))) {
    const members = [...new Set(limited.filter((r) => r.channel === channel).map((r) => r.recipient))];
    for (const [member, sends] of await outbox.recentSends(db, channel, members, new Date(now.getTime() - 60_000))) {
      recent.set(`${channel}:${member}`, sends);
    }
  }
  const inBatch = new Map<string, number>();
  for (const r of limited) inBatch.set(`${r.channel}:${r.recipient}`, (inBatch.get(`${r.channel}:${r.recipient}`) ?? 0) + 1);
  const allowance = new Map<string, number>();
  for (const [key, claimed] of inBatch) {
    // recentSends counts the claimed rows too (they are 'sending'): the quota is for the rest.
    allowance.set(key, perMinuteOf(key.slice(0, key.indexOf(':')))! - ((recent.get(key)?.count ?? claimed) - claimed));
  }
  for (const row of rows) {
    const key = `${row.channel}:${row.recipient}`;
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
