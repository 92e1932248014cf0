-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "isHome" BOOLEAN DEFAULT false;
ALTER TABLE "Unit" ADD COLUMN "parentId" INTEGER;

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN "isSession" BOOLEAN DEFAULT false;
ALTER TABLE "Activity" ADD COLUMN "studyHeld" BOOLEAN;
ALTER TABLE "Activity" ADD COLUMN "studyNote" TEXT;

-- CreateTable
CREATE TABLE "RecordEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "sourceKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DiaryEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "visitedOn" TEXT NOT NULL,
    "visited" TEXT NOT NULL,
    "raised" TEXT NOT NULL,
    "done" TEXT NOT NULL,
    "confirmation" TEXT NOT NULL,
    "photoRef" TEXT,
    "constituentName" TEXT,
    "constituentPhone" TEXT,
    "sourceKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "AnnualReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "fileRef" TEXT,
    "submittedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DeputyYearSummary" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "record" TEXT NOT NULL,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReportBallot" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "organiserId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'setup',
    "quorum" INTEGER NOT NULL,
    "salt" TEXT,
    "reportSentAt" DATETIME,
    "openedAt" DATETIME,
    "closedAt" DATETIME,
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "basic" INTEGER NOT NULL DEFAULT 0,
    "dissatisfied" INTEGER NOT NULL DEFAULT 0,
    "paperSatisfied" INTEGER,
    "paperBasic" INTEGER,
    "paperDissatisfied" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReportVoter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "voterKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT,
    "personId" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReportVote" (
    "ballotId" INTEGER NOT NULL,
    "marker" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,

    PRIMARY KEY ("ballotId", "marker")
);

-- CreateIndex
CREATE UNIQUE INDEX "RecordEntry_sourceKey_key" ON "RecordEntry"("sourceKey");

-- CreateIndex
CREATE INDEX "RecordEntry_orgId_personId_heldOn_idx" ON "RecordEntry"("orgId", "personId", "heldOn");

-- CreateIndex
CREATE UNIQUE INDEX "DiaryEntry_sourceKey_key" ON "DiaryEntry"("sourceKey");

-- CreateIndex
CREATE INDEX "DiaryEntry_orgId_personId_visitedOn_idx" ON "DiaryEntry"("orgId", "personId", "visitedOn");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReport_orgId_personId_year_key" ON "AnnualReport"("orgId", "personId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "DeputyYearSummary_orgId_personId_year_key" ON "DeputyYearSummary"("orgId", "personId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "ReportBallot_activityId_deputyId_key" ON "ReportBallot"("activityId", "deputyId");

-- CreateIndex
CREATE INDEX "ReportVoter_activityId_personId_idx" ON "ReportVoter"("activityId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportVoter_activityId_voterKey_key" ON "ReportVoter"("activityId", "voterKey");

