-- AlterTable
ALTER TABLE "InboundEvent" ADD COLUMN "erasedAt" DATETIME;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "erasedAt" DATETIME;

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ScheduledRun_status_dueAt_idx" ON "ScheduledRun"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledRun_orgId_job_period_key" ON "ScheduledRun"("orgId", "job", "period");

-- CreateIndex
CREATE INDEX "InboundEvent_erasedAt_processedAt_idx" ON "InboundEvent"("erasedAt", "processedAt");

-- CreateIndex
CREATE INDEX "Outbox_channel_recipient_status_sentAt_idx" ON "Outbox"("channel", "recipient", "status", "sentAt");

-- CreateIndex
CREATE INDEX "Outbox_erasedAt_createdAt_idx" ON "Outbox"("erasedAt", "createdAt");

