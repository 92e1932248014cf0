// History for `bench:e2e --history N`: N processed callbacks and N sent messages of the bench's
// own deputies, spread over the 400 days before the run (R6 keeps the rows, retention erases
// only payloads), written straight into the SQLite file before the service starts — so that
// the measured run pays whatever a year of history costs the hot path (bigger indexes, the
// per-member rate limit reading a member's past sends).
import Database from 'better-sqlite3';
import { iso } from './queue-seed.ts';

const DAY = 86_400_000;
const BATCH = 50_000;

export function seedHistory(file: string, accounts: string[], count: number, now: Date): void {
  const raw = new Database(file);
  try {
    const { id: orgId } = raw.prepare(`SELECT "id" FROM "Organisation" ORDER BY "id" LIMIT 1`).get() as { id: number };
    const event = raw.prepare(`INSERT INTO "InboundEvent" ("orgId", "channel", "platformKey", "kind", "senderId", "payload", "status", "attempts", "nextAttemptAt", "receivedAt", "processedAt")
      VALUES (?, 'wecom', ?, 'message', ?, ?, 'done', 1, ?, ?, ?)`);
    const out = raw.prepare(`INSERT INTO "Outbox" ("orgId", "channel", "idempotencyKey", "kind", "recipient", "payload", "status", "attempts", "nextAttemptAt", "createdAt", "sentAt", "firstAttemptAt", "lastAttemptAt", "response")
      VALUES (?, 'wecom', ?, 'text', ?, ?, 'sent', 1, ?, ?, ?, ?, ?, '{"errcode":0,"msgid":"x"}')`);
    const t = now.getTime() - 2 * DAY;
    for (let start = 0; start < count; start += BATCH) {
      raw.transaction(() => {
        for (let i = start; i < Math.min(count, start + BATCH); i++) {
          const when = iso(t - Math.floor((i / count) * 400 * DAY));
          const account = accounts[i % accounts.length]!;
          event.run(orgId, `history-${i}`, account, `<xml><Content><![CDATA[帮助]]></Content></xml>`, when, when, when);
          out.run(orgId, `history-${i}`, account, JSON.stringify({ kind: 'text', toUsers: [account], text: `第${i}条历史消息` }), when, when, when, when, when);
        }
      })();
    }
  } finally {
    raw.close();
  }
}
