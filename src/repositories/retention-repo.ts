// Rule R6: what the queues keep once it has served. Each call erases at most `limit` rows in one
// UPDATE (SQLite holds its write lock only for that statement), so a large backlog is worked off
// in small steps between other writers. Rows and their keys stay: callbacks are deduplicated by
// (channel, platformKey) and messages by idempotencyKey, and both are re-derived from durable
// facts, so a deleted key could let an old callback or message through twice.
import { Prisma, type Db } from './prisma.ts';

/** What an erased payload holds: valid JSON with nothing in it, so a reader never breaks. */
export const ERASED_PAYLOAD = '{}';

/** Statuses after which nobody reads an outbox row's payload again ('discarded': dropped by staff). */
export const FINAL_OUTBOX_STATUSES = ['sent', 'discarded'] as const;

/**
 * Processed callbacks (done, failed) handled before `cutoff`: payload (names, phones, reasons as
 * typed) and lastError are erased. Returns how many rows it erased.
 */
export async function eraseInboundPayloads(db: Db, cutoff: Date, now: Date, limit: number): Promise<number> {
  return db.$executeRaw`
    UPDATE "InboundEvent" SET "payload" = ${ERASED_PAYLOAD}, "lastError" = NULL, "erasedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "InboundEvent"
      WHERE "erasedAt" IS NULL AND "processedAt" < ${cutoff} AND "status" IN ('done', 'failed')
      LIMIT ${limit})`;
}

/**
 * Messages in a final status since before `cutoff` (sent: by sentAt; discarded: by createdAt):
 * payload, the platform's response and lastError are erased. Dead and uncertain rows keep theirs
 * until staff retry or discard them. Returns how many rows it erased.
 */
export async function eraseOutboxPayloads(db: Db, cutoff: Date, now: Date, limit: number): Promise<number> {
  // createdAt < cutoff is implied by the COALESCE (a row is sent after it is made); it is
  // there so the search walks the (erasedAt, createdAt) index instead of every unerased row.
  return db.$executeRaw`
    UPDATE "Outbox" SET "payload" = ${ERASED_PAYLOAD}, "response" = NULL, "lastError" = NULL, "erasedAt" = ${now}
    WHERE "id" IN (
      SELECT "id" FROM "Outbox"
      WHERE "erasedAt" IS NULL AND "createdAt" < ${cutoff} AND COALESCE("sentAt", "createdAt") < ${cutoff}
        AND "status" IN (${Prisma.join([...FINAL_OUTBOX_STATUSES])})
      LIMIT ${limit})`;
}

/** Kept drafts past their keptUntil: nobody can resume them, and they may hold a visitor's phone. */
export async function deleteExpiredKeptDrafts(db: Db, now: Date, limit: number): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "KeptDraft" WHERE "id" IN (SELECT "id" FROM "KeptDraft" WHERE "keptUntil" <= ${now} LIMIT ${limit})`;
}

/** Dialogs that ended by timeout long ago still hold their drafts (a visitor's phone): deleted. */
export async function deleteExpiredDialogs(db: Db, cutoff: Date, limit: number): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "Dialog" WHERE "id" IN (SELECT "id" FROM "Dialog" WHERE "expiresAt" < ${cutoff} LIMIT ${limit})`;
}
