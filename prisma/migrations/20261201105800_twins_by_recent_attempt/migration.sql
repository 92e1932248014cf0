-- DropIndex
DROP INDEX "Outbox_contentHash_recipient_idx";

-- CreateIndex
CREATE INDEX "Outbox_contentHash_recipient_lastAttemptAt_idx" ON "Outbox"("contentHash", "recipient", "lastAttemptAt");

