// Rows for npm run bench:queues, written straight through better-sqlite3 in the format Prisma
// writes (DateTime as ISO text with +00:00). "Live" rows are what the workers look for at the
// measured instant; "old" rows are history: processed events, sent messages, past notices.
import type Database from 'better-sqlite3';

export const MEMBERS = 1_000;
export const CHATS = 20;
export const ACTIVITIES = 2_000;
const DAY = 86_400_000;

export const iso = (d: Date | number) => new Date(d).toISOString().replace('Z', '+00:00');
export const member = (i: number) => `member${String(i % MEMBERS).padStart(4, '0')}`;
/** How many different texts the old one-member rows carry (see twinHash). */
export const TWIN_TEXTS = 5;
/** A one-member text's content hash, as contentHashOf writes it ("s:" and 64 hex digits). */
export const twinHash = (text: number) => `s:${String(text).padStart(64, '0')}`;

/** A message payload of realistic size (a reception reminder with a visitor's name and phone). */
function payload(i: number): string {
  const text = `提醒：以下接待事项的交办期限是12月${(i % 28) + 1}日，请尽快发送“交办”处理：\n1. 城关镇人大代表联络站 来访人王大妈（139****${String(i % 10_000).padStart(4, '0')}）反映幸福村路灯损坏已超过一个月，晚上出行不便，希望尽快修复。`;
  return JSON.stringify({ kind: 'text', toUsers: [member(i)], text });
}

export function seedBase(raw: Database.Database): void {
  raw.prepare(`INSERT INTO "Organisation" ("id", "code", "name", "policy", "createdAt") VALUES (1, 'bench', '示范县', '{}', ?)`).run(iso(0));
  raw.prepare(`INSERT INTO "Unit" ("id", "orgId", "kind", "name", "policy", "createdAt", "updatedAt") VALUES (1, 1, 'group', '第一代表小组', '{}', ?, ?)`).run(iso(0), iso(0));
  const activity = raw.prepare(`INSERT INTO "Activity" ("orgId", "unitId", "kind", "title", "startAt", "endAt", "place", "status", "revision", "createdAt", "updatedAt")
    VALUES (1, 1, 'study', '学习代表法', ?, ?, '县人大会议室', 'scheduled', 1, ?, ?)`);
  raw.transaction(() => {
    for (let i = 0; i < ACTIVITIES; i++) activity.run(iso(i * DAY), iso(i * DAY + 7_200_000), iso(0), iso(0));
  })();
}

/** What a busy minute looks like: events and messages due, notices due and planned, recent sends. */
export function seedLive(raw: Database.Database, now: Date, recipients: string[]): void {
  const t = now.getTime();
  const event = raw.prepare(`INSERT INTO "InboundEvent" ("orgId", "channel", "platformKey", "kind", "senderId", "payload", "status", "attempts", "nextAttemptAt", "receivedAt")
    VALUES (1, 'wecom', ?, 'message', ?, ?, 'pending', 0, ?, ?)`);
  const out = raw.prepare(`INSERT INTO "Outbox" ("orgId", "channel", "idempotencyKey", "kind", "recipient", "payload", "status", "attempts", "nextAttemptAt", "createdAt", "sentAt")
    VALUES (1, 'wecom', ?, 'text', ?, ?, ?, 0, ?, ?, ?)`);
  const notice = raw.prepare(`INSERT INTO "Notice" ("orgId", "activityId", "kind", "revision", "personId", "dueAt", "status", "createdAt") VALUES (1, ?, ?, 1, ?, ?, 'planned', ?)`);
  raw.transaction(() => {
    for (let i = 0; i < 100; i++) event.run(`live-${i}`, member(i), payload(i), iso(t - 1000), iso(t - 1000));
    for (let i = 0; i < 200; i++) out.run(`live-due-${i}`, recipients[i % recipients.length], payload(i), 'pending', iso(t - 1000), iso(t - 1000), null);
    // Five messages each in the last minute: what the per-member limit counts.
    for (let i = 0; i < recipients.length * 5; i++) out.run(`live-sent-${i}`, recipients[i % recipients.length], payload(i), 'sent', iso(t - 30_000), iso(t - 31_000), iso(t - 30_000));
    for (let p = 1; p <= 300; p++) notice.run(ACTIVITIES, 'notice:3', p, iso(t - 60_000), iso(t - DAY));
    for (let p = 1; p <= 2_000; p++) notice.run(ACTIVITIES - 1, 'notice:7', p, iso(t + 3 * DAY), iso(t - DAY));
  })();
}

/** `count` rows of history in each queue table, spread over the 400 days before `now`. */
export function seedOld(raw: Database.Database, now: Date, count: number): void {
  const t = now.getTime();
  const at = (i: number) => t - 2 * DAY - Math.floor((i / count) * 400 * DAY);
  const event = raw.prepare(`INSERT INTO "InboundEvent" ("orgId", "channel", "platformKey", "kind", "senderId", "payload", "status", "attempts", "nextAttemptAt", "receivedAt", "processedAt")
    VALUES (1, 'wecom', ?, 'message', ?, ?, ?, 1, ?, ?, ?)`);
  const out = raw.prepare(`INSERT INTO "Outbox" ("orgId", "channel", "idempotencyKey", "kind", "recipient", "payload", "status", "attempts", "nextAttemptAt", "createdAt", "sentAt", "response", "contentHash", "lastAttemptAt")
    VALUES (1, 'wecom', ?, 'text', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`);
  const notice = raw.prepare(`INSERT INTO "Notice" ("orgId", "activityId", "kind", "revision", "personId", "dueAt", "status", "createdAt", "sentAt") VALUES (1, ?, ?, 1, ?, ?, ?, ?, ?)`);
  const STATUSES = ['sent', 'sent', 'sent', 'skipped', 'dropped', 'missed'];
  for (let start = 0; start < count; start += 50_000) {
    raw.transaction(() => {
      for (let i = start; i < Math.min(count, start + 50_000); i++) {
        const when = iso(at(i));
        event.run(`old-${i}`, member(i), payload(i), i % 200 === 0 ? 'failed' : 'done', when, when, when);
        const recipient = i % 10 === 0 ? `chat:chat${i % CHATS}` : member(i);
        const dead = i % 1000 === 0;
        // A member's texts repeat (the same answer to 帮助 all year): TWIN_TEXTS texts in turn.
        const hash = i % 10 === 0 ? null : twinHash(i % TWIN_TEXTS);
        out.run(`old-${i}`, recipient, payload(i), dead ? 'dead' : 'sent', when, when, dead ? null : when, dead ? null : '{"errcode":0,"msgid":"x"}', hash, when);
        notice.run((i % (ACTIVITIES - 2)) + 1, `notice:${i % 2 ? 3 : 7}`, Math.floor(i / (ACTIVITIES - 2)) + 1, when, STATUSES[i % STATUSES.length], when, when);
      }
    })();
  }
}
