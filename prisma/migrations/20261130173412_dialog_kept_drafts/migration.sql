-- AlterTable
ALTER TABLE "Dialog" ADD COLUMN "movedFrom" TEXT;

-- CreateTable
CREATE TABLE "KeptDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "history" TEXT NOT NULL DEFAULT '[]',
    "chatKey" TEXT NOT NULL,
    "keptAt" DATETIME NOT NULL,
    "keptUntil" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "KeptDraft_keptUntil_idx" ON "KeptDraft"("keptUntil");

-- CreateIndex
CREATE UNIQUE INDEX "KeptDraft_orgId_channel_userId_flow_key" ON "KeptDraft"("orgId", "channel", "userId", "flow");

