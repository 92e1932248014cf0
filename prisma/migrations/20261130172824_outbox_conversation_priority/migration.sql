-- Additive only (ALTER TABLE ADD COLUMN, no table rewrite): other branches add Outbox columns too.
ALTER TABLE "Outbox" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Outbox_status_priority_nextAttemptAt_idx" ON "Outbox"("status", "priority", "nextAttemptAt");
