-- AlterTable
ALTER TABLE "Person" ADD COLUMN "leftAt" DATETIME;

-- CreateTable
CREATE TABLE "RosterEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "actorId" INTEGER,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "RosterEvent_orgId_personId_idx" ON "RosterEvent"("orgId", "personId");

