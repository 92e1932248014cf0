-- DropIndex
DROP INDEX "Outbox_contentHash_recipient_idx";

-- CreateIndex
-- PostgreSQL only: partial, as the other per-member indexes on the Outbox (see the baseline).
-- A notice card's batch row lists up to 1,000 members in its recipient: its entry would exceed
-- a btree entry's 2,704 bytes and the claim's UPDATE (which sets lastAttemptAt) would fail.
-- findTwins repeats the predicate so the planner can use this index.
CREATE INDEX "Outbox_contentHash_recipient_lastAttemptAt_idx" ON "Outbox"("contentHash", "recipient", "lastAttemptAt") WHERE "recipient" NOT LIKE '%|%';

-- CreateIndex
-- PostgreSQL only, not in the schema: the batch rows' twins (findTwins looks up a text's batch
-- rows by hash). The index above leaves batch rows out, so without this one every send of a text
-- read the whole Outbox (a parallel sequential scan, 59 ms at 200,000 rows). SQLite finds them
-- by the first column of the index above. scripts/pg-migrations.ts (describePg) knows this index.
CREATE INDEX "Outbox_batch_contentHash_lastAttemptAt_idx" ON "Outbox"("contentHash", "lastAttemptAt") WHERE "recipient" LIKE '%|%';
