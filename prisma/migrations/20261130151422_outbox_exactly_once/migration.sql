-- Additive only (ALTER TABLE ADD COLUMN, no table rewrite): other branches add Outbox columns too.
ALTER TABLE "Outbox" ADD COLUMN "firstAttemptAt" DATETIME;
ALTER TABLE "Outbox" ADD COLUMN "lastAttemptAt" DATETIME;
ALTER TABLE "Outbox" ADD COLUMN "maybeDelivered" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Outbox" ADD COLUMN "unguarded" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Outbox" ADD COLUMN "contentHash" TEXT;

-- CreateIndex
CREATE INDEX "Outbox_contentHash_recipient_idx" ON "Outbox"("contentHash", "recipient");
