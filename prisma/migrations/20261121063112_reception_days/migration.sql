-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "receptionRule" TEXT;

-- CreateTable
CREATE TABLE "CalendarOverride" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReceptionOccurrence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ReceptionDuty" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "occurrenceId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'rotation',
    CONSTRAINT "ReceptionDuty_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "ReceptionOccurrence" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarOverride_orgId_date_key" ON "CalendarOverride"("orgId", "date");

-- CreateIndex
CREATE INDEX "ReceptionOccurrence_orgId_date_idx" ON "ReceptionOccurrence"("orgId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ReceptionOccurrence_unitId_date_key" ON "ReceptionOccurrence"("unitId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ReceptionDuty_occurrenceId_personId_key" ON "ReceptionDuty"("occurrenceId", "personId");

