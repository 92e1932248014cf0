-- CreateTable
CREATE TABLE "ReceptionVisit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "occurrenceId" INTEGER,
    "recordedById" INTEGER NOT NULL,
    "visitorName" TEXT NOT NULL,
    "visitorPhone" TEXT,
    "visitorAddress" TEXT,
    "issue" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'recorded',
    "deadline" TEXT NOT NULL,
    "assignedTo" TEXT,
    "assignedById" INTEGER,
    "assignedAt" DATETIME,
    "answerAt" DATETIME,
    "answerForm" TEXT,
    "answerText" TEXT,
    "satisfaction" TEXT,
    "sourceKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Department" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "name" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ReceptionVisit_sourceKey_key" ON "ReceptionVisit"("sourceKey");

-- CreateIndex
CREATE INDEX "ReceptionVisit_orgId_status_deadline_idx" ON "ReceptionVisit"("orgId", "status", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "Department_orgId_name_key" ON "Department"("orgId", "name");

