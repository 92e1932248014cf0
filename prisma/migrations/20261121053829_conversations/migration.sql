-- CreateTable
CREATE TABLE "Dialog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "chatKey" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "history" TEXT NOT NULL DEFAULT '[]',
    "invalidCount" INTEGER NOT NULL DEFAULT 0,
    "pendingSwitch" TEXT,
    "lastEventId" INTEGER,
    "rev" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Activity" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Activity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActivityInvitee" (
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    PRIMARY KEY ("activityId", "personId"),
    CONSTRAINT "ActivityInvitee_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LeaveRequest" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "LeaveRequest_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'self',
    "signedInAt" DATETIME,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Attendance_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "onBehalfName" TEXT,
    "onBehalfPhone" TEXT,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "sourceKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Organisation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policy" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Organisation" ("code", "createdAt", "id", "name") SELECT "code", "createdAt", "id", "name" FROM "Organisation";
DROP TABLE "Organisation";
ALTER TABLE "new_Organisation" RENAME TO "Organisation";
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Dialog_orgId_channel_chatKey_userId_key" ON "Dialog"("orgId", "channel", "chatKey", "userId");

-- CreateIndex
CREATE INDEX "Activity_orgId_startAt_idx" ON "Activity"("orgId", "startAt");

-- CreateIndex
CREATE INDEX "Activity_unitId_startAt_idx" ON "Activity"("unitId", "startAt");

-- CreateIndex
CREATE INDEX "ActivityInvitee_personId_idx" ON "ActivityInvitee"("personId");

-- CreateIndex
CREATE INDEX "LeaveRequest_orgId_personId_year_idx" ON "LeaveRequest"("orgId", "personId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "LeaveRequest_activityId_personId_key" ON "LeaveRequest"("activityId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Attendance_activityId_personId_key" ON "Attendance"("activityId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_sourceKey_key" ON "Suggestion"("sourceKey");

-- CreateIndex
CREATE INDEX "Suggestion_orgId_personId_idx" ON "Suggestion"("orgId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_orgId_year_kind_seq_key" ON "Suggestion"("orgId", "year", "kind", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_orgId_number_key" ON "Suggestion"("orgId", "number");

-- CreateIndex
CREATE INDEX "AuditLog_orgId_subject_idx" ON "AuditLog"("orgId", "subject");

