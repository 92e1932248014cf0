-- CreateIndex
CREATE INDEX "Outbox_status_priority_nextAttemptAt_id_idx" ON "Outbox"("status", "priority" DESC, "nextAttemptAt", "id");

