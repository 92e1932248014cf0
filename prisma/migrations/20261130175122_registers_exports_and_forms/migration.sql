-- CreateTable
CREATE TABLE "ExportRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipients" TEXT NOT NULL,
    "requestedById" INTEGER,
    "book" TEXT NOT NULL,
    "unitId" INTEGER,
    "fromDay" TEXT NOT NULL,
    "toDay" TEXT NOT NULL,
    "fullNames" BOOLEAN NOT NULL DEFAULT false,
    "caption" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "lockedUntil" DATETIME,
    "sheets" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME
);

-- CreateTable
CREATE TABLE "ActivityForm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'awaiting',
    "draftedAt" DATETIME NOT NULL,
    "activityCount" INTEGER NOT NULL DEFAULT 0,
    "confirmedById" INTEGER,
    "confirmedAt" DATETIME,
    "deliveredAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "ExportRequest_sourceKey_key" ON "ExportRequest"("sourceKey");

-- CreateIndex
CREATE INDEX "ExportRequest_status_nextAttemptAt_idx" ON "ExportRequest"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ActivityForm_orgId_quarter_idx" ON "ActivityForm"("orgId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityForm_unitId_quarter_key" ON "ActivityForm"("unitId", "quarter");

