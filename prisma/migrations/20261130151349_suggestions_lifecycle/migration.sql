-- AlterTable
ALTER TABLE "Person" ADD COLUMN "district" TEXT;
ALTER TABLE "Person" ADD COLUMN "workUnit" TEXT;

-- AlterTable
ALTER TABLE "Suggestion" ADD COLUMN "answerDeadline" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "assignDeadline" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "assignedAt" DATETIME;
ALTER TABLE "Suggestion" ADD COLUMN "extensions" INTEGER DEFAULT 0;
ALTER TABLE "Suggestion" ADD COLUMN "lastAction" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "lastActorId" INTEGER;
ALTER TABLE "Suggestion" ADD COLUMN "lastKey" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "lastNote" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "mergedIntoId" INTEGER;
ALTER TABLE "Suggestion" ADD COLUMN "origin" TEXT DEFAULT 'recess';
ALTER TABLE "Suggestion" ADD COLUMN "prevStatus" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "rev" INTEGER DEFAULT 0;
ALTER TABLE "Suggestion" ADD COLUMN "rounds" INTEGER DEFAULT 0;
ALTER TABLE "Suggestion" ADD COLUMN "sessionClosedOn" TEXT;
ALTER TABLE "Suggestion" ADD COLUMN "statusAt" DATETIME;

-- CreateTable
CREATE TABLE "SuggestionEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "rev" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actorId" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SuggestionAssignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "rev" INTEGER NOT NULL,
    "assignedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SuggestionAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "departmentId" INTEGER,
    "form" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "answeredById" INTEGER,
    "answeredAt" DATETIME NOT NULL,
    "rating" TEXT,
    "ratedAt" DATETIME,
    "ratedById" INTEGER
);

-- CreateTable
CREATE TABLE "SuggestionTalk" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "rev" INTEGER NOT NULL,
    "heldOn" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "participants" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SuggestionExtension" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "rev" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "untilDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" INTEGER,
    "decidedById" INTEGER,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SuggestionReminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "batchKey" TEXT,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "Motion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "starterId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "proposal" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "year" INTEGER,
    "seq" INTEGER,
    "number" TEXT,
    "sourceKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "withdrawnAt" DATETIME
);

-- CreateTable
CREATE TABLE "MotionSigner" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "motionId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "invitedAt" DATETIME NOT NULL,
    "signedAt" DATETIME
);

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionEvent_suggestionId_rev_key" ON "SuggestionEvent"("suggestionId", "rev");

-- CreateIndex
CREATE INDEX "SuggestionAssignment_departmentId_active_idx" ON "SuggestionAssignment"("departmentId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionAssignment_suggestionId_rev_departmentId_key" ON "SuggestionAssignment"("suggestionId", "rev", "departmentId");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionAnswer_suggestionId_round_key" ON "SuggestionAnswer"("suggestionId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionTalk_suggestionId_rev_key" ON "SuggestionTalk"("suggestionId", "rev");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionExtension_suggestionId_rev_key" ON "SuggestionExtension"("suggestionId", "rev");

-- CreateIndex
CREATE INDEX "SuggestionReminder_status_dueAt_idx" ON "SuggestionReminder"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "SuggestionReminder_suggestionId_kind_deadline_audience_key" ON "SuggestionReminder"("suggestionId", "kind", "deadline", "audience");

-- CreateIndex
CREATE UNIQUE INDEX "Motion_sourceKey_key" ON "Motion"("sourceKey");

-- CreateIndex
CREATE INDEX "Motion_orgId_starterId_idx" ON "Motion"("orgId", "starterId");

-- CreateIndex
CREATE UNIQUE INDEX "Motion_orgId_year_seq_key" ON "Motion"("orgId", "year", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Motion_orgId_number_key" ON "Motion"("orgId", "number");

-- CreateIndex
CREATE INDEX "MotionSigner_personId_idx" ON "MotionSigner"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "MotionSigner_motionId_personId_key" ON "MotionSigner"("motionId", "personId");

-- CreateIndex
CREATE INDEX "Suggestion_orgId_status_idx" ON "Suggestion"("orgId", "status");

