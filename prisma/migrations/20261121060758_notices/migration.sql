-- CreateTable
CREATE TABLE "Rsvp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "answeredAt" DATETIME NOT NULL,
    "cardCode" TEXT,
    CONSTRAINT "Rsvp_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "batchKey" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Notice_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Unit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policy" TEXT NOT NULL DEFAULT '{}',
    "groupChat" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Unit_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("createdAt", "id", "kind", "name", "orgId", "updatedAt") SELECT "createdAt", "id", "kind", "name", "orgId", "updatedAt" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_orgId_kind_name_key" ON "Unit"("orgId", "kind", "name");
CREATE TABLE "new_Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startAt" DATETIME NOT NULL,
    "endAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL,
    "content" TEXT NOT NULL DEFAULT '',
    "signInCode" TEXT,
    "signInOpensBefore" INTEGER NOT NULL DEFAULT 30,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "createdById" INTEGER,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "account" TEXT,
    "accountById" INTEGER,
    "accountAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Activity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("content", "createdAt", "createdById", "endAt", "id", "kind", "orgId", "place", "signInCode", "signInOpensBefore", "startAt", "status", "title", "unitId", "updatedAt") SELECT "content", "createdAt", "createdById", "endAt", "id", "kind", "orgId", "place", "signInCode", "signInOpensBefore", "startAt", "status", "title", "unitId", "updatedAt" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE INDEX "Activity_orgId_startAt_idx" ON "Activity"("orgId", "startAt");
CREATE INDEX "Activity_unitId_startAt_idx" ON "Activity"("unitId", "startAt");
CREATE TABLE "new_LeaveRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "decisionNote" TEXT,
    "approverIds" TEXT NOT NULL DEFAULT '[]',
    "cardCode" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeaveRequest_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_LeaveRequest" ("activityId", "createdAt", "decidedAt", "decidedById", "decisionNote", "id", "orgId", "personId", "reason", "status", "year") SELECT "activityId", "createdAt", "decidedAt", "decidedById", "decisionNote", "id", "orgId", "personId", "reason", "status", "year" FROM "LeaveRequest";
DROP TABLE "LeaveRequest";
ALTER TABLE "new_LeaveRequest" RENAME TO "LeaveRequest";
CREATE INDEX "LeaveRequest_orgId_personId_year_idx" ON "LeaveRequest"("orgId", "personId", "year");
CREATE UNIQUE INDEX "LeaveRequest_activityId_personId_key" ON "LeaveRequest"("activityId", "personId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Rsvp_activityId_personId_key" ON "Rsvp"("activityId", "personId");

-- CreateIndex
CREATE INDEX "Notice_status_dueAt_idx" ON "Notice"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_activityId_kind_revision_personId_key" ON "Notice"("activityId", "kind", "revision", "personId");

