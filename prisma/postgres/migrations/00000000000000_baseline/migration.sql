-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Organisation" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policy" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rosterFile" TEXT,
    "rosterFileImportedAt" TIMESTAMP(3),

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgCredential" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'wecom',
    "corpId" TEXT NOT NULL,
    "agentId" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "aesKey" TEXT NOT NULL,
    "botToken" TEXT,
    "botAesKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgCredential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "policy" TEXT NOT NULL DEFAULT '{}',
    "groupChat" TEXT,
    "receptionRule" TEXT,
    "parentId" INTEGER,
    "isHome" BOOLEAN DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "levels" TEXT NOT NULL,
    "isStaff" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "workUnit" TEXT,
    "district" TEXT,
    "leftAt" TIMESTAMP(3),

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformAccount" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "platformUserId" TEXT NOT NULL,

    CONSTRAINT "PlatformAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "platformKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "senderId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "processedAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outbox" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastErrcode" INTEGER,
    "response" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "firstAttemptAt" TIMESTAMP(3),
    "lastAttemptAt" TIMESTAMP(3),
    "maybeDelivered" BOOLEAN NOT NULL DEFAULT false,
    "unguarded" BOOLEAN NOT NULL DEFAULT false,
    "contentHash" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dialog" (
    "id" SERIAL NOT NULL,
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
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "movedFrom" TEXT,

    CONSTRAINT "Dialog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KeptDraft" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "flow" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "history" TEXT NOT NULL DEFAULT '[]',
    "chatKey" TEXT NOT NULL,
    "keptAt" TIMESTAMP(3) NOT NULL,
    "keptUntil" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KeptDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startAt" TIMESTAMP(3) NOT NULL,
    "endAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL,
    "content" TEXT NOT NULL DEFAULT '',
    "signInCode" TEXT,
    "signInOpensBefore" INTEGER NOT NULL DEFAULT 30,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "createdById" INTEGER,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "sourceKey" TEXT,
    "account" TEXT,
    "accountById" INTEGER,
    "accountAt" TIMESTAMP(3),
    "isSession" BOOLEAN DEFAULT false,
    "studyHeld" BOOLEAN,
    "studyNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityInvitee" (
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,

    CONSTRAINT "ActivityInvitee_pkey" PRIMARY KEY ("activityId","personId")
);

-- CreateTable
CREATE TABLE "LeaveRequest" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "approverIds" TEXT NOT NULL DEFAULT '[]',
    "cardCode" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeaveRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attendance" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "method" TEXT NOT NULL DEFAULT 'self',
    "signedInAt" TIMESTAMP(3),
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Attendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Suggestion" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "origin" TEXT DEFAULT 'recess',
    "sessionClosedOn" TEXT,
    "assignDeadline" TEXT,
    "answerDeadline" TEXT,
    "assignedAt" TIMESTAMP(3),
    "extensions" INTEGER DEFAULT 0,
    "rounds" INTEGER DEFAULT 0,
    "mergedIntoId" INTEGER,
    "rev" INTEGER DEFAULT 0,
    "prevStatus" TEXT,
    "lastAction" TEXT,
    "lastActorId" INTEGER,
    "lastNote" TEXT,
    "lastKey" TEXT,
    "statusAt" TIMESTAMP(3),

    CONSTRAINT "Suggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionEvent" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "rev" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "actorId" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuggestionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionAssignment" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "departmentId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "rev" INTEGER NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuggestionAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionAnswer" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "departmentId" INTEGER,
    "form" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "answeredById" INTEGER,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "rating" TEXT,
    "ratedAt" TIMESTAMP(3),
    "ratedById" INTEGER,

    CONSTRAINT "SuggestionAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionTalk" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "rev" INTEGER NOT NULL,
    "heldOn" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "participants" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuggestionTalk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionExtension" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "rev" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "untilDate" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requestedById" INTEGER,
    "decidedById" INTEGER,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SuggestionExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SuggestionReminder" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "suggestionId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "deadline" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "batchKey" TEXT,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "SuggestionReminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Motion" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Motion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MotionSigner" (
    "id" SERIAL NOT NULL,
    "motionId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "invitedAt" TIMESTAMP(3) NOT NULL,
    "signedAt" TIMESTAMP(3),

    CONSTRAINT "MotionSigner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterEvent" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '{}',
    "actorId" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RosterEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rsvp" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    "cardCode" TEXT,

    CONSTRAINT "Rsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "batchKey" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarOverride" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CalendarOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceptionOccurrence" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReceptionOccurrence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceptionDuty" (
    "id" SERIAL NOT NULL,
    "occurrenceId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'rotation',

    CONSTRAINT "ReceptionDuty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReceptionVisit" (
    "id" SERIAL NOT NULL,
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
    "assignedAt" TIMESTAMP(3),
    "answerAt" TIMESTAMP(3),
    "answerForm" TEXT,
    "answerText" TEXT,
    "satisfaction" TEXT,
    "sourceKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReceptionVisit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Department" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduledRun" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "job" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'planned',
    "doneAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduledRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LocalClock" (
    "orgId" INTEGER NOT NULL,
    "simulated" TIMESTAMP(3) NOT NULL,
    "base" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LocalClock_pkey" PRIMARY KEY ("orgId")
);

-- CreateTable
CREATE TABLE "RecordEntry" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "heldOn" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" TEXT NOT NULL DEFAULT '[]',
    "sourceKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RecordEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DiaryEntry" (
    "id" SERIAL NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DiaryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualReport" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL DEFAULT '',
    "fileRef" TEXT,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeputyYearSummary" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "personId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "record" TEXT NOT NULL,
    "flags" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeputyYearSummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportBallot" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "deputyId" INTEGER NOT NULL,
    "organiserId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'setup',
    "quorum" INTEGER NOT NULL,
    "salt" TEXT,
    "reportSentAt" TIMESTAMP(3),
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "satisfied" INTEGER NOT NULL DEFAULT 0,
    "basic" INTEGER NOT NULL DEFAULT 0,
    "dissatisfied" INTEGER NOT NULL DEFAULT 0,
    "paperSatisfied" INTEGER,
    "paperBasic" INTEGER,
    "paperDissatisfied" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportBallot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportVoter" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "activityId" INTEGER NOT NULL,
    "voterKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT,
    "personId" INTEGER,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportVoter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportVote" (
    "ballotId" INTEGER NOT NULL,
    "marker" TEXT NOT NULL,
    "sealed" TEXT NOT NULL,

    CONSTRAINT "ReportVote_pkey" PRIMARY KEY ("ballotId","marker")
);

-- CreateTable
CREATE TABLE "ExportRequest" (
    "id" SERIAL NOT NULL,
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
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "lockedUntil" TIMESTAMP(3),
    "sheets" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "ExportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityForm" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "quarter" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'awaiting',
    "draftedAt" TIMESTAMP(3) NOT NULL,
    "activityCount" INTEGER NOT NULL DEFAULT 0,
    "confirmedById" INTEGER,
    "confirmedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "ActivityForm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_code_key" ON "Organisation"("code");

-- CreateIndex
CREATE UNIQUE INDEX "OrgCredential_orgId_channel_key" ON "OrgCredential"("orgId", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_orgId_kind_name_key" ON "Unit"("orgId", "kind", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_orgId_mobile_key" ON "Person"("orgId", "mobile");

-- CreateIndex
CREATE INDEX "Membership_personId_idx" ON "Membership"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_unitId_personId_key" ON "Membership"("unitId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformAccount_orgId_channel_platformUserId_key" ON "PlatformAccount"("orgId", "channel", "platformUserId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformAccount_personId_channel_key" ON "PlatformAccount"("personId", "channel");

-- CreateIndex
CREATE INDEX "InboundEvent_status_nextAttemptAt_idx" ON "InboundEvent"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "InboundEvent_erasedAt_processedAt_idx" ON "InboundEvent"("erasedAt", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_channel_platformKey_key" ON "InboundEvent"("channel", "platformKey");

-- CreateIndex
CREATE UNIQUE INDEX "Outbox_idempotencyKey_key" ON "Outbox"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Outbox_status_nextAttemptAt_idx" ON "Outbox"("status", "nextAttemptAt");

-- CreateIndex
-- PostgreSQL only: partial. A btree entry is at most 2704 bytes, and a batch row's recipient
-- (up to 1,000 user ids joined by |) is longer; the per-member lookups these serve are of one
-- member. scripts/pg-migrations.ts (describePg) knows this difference from the schema.
CREATE INDEX "Outbox_channel_recipient_sentAt_idx" ON "Outbox"("channel", "recipient", "sentAt") WHERE "recipient" NOT LIKE '%|%';

-- CreateIndex
-- PostgreSQL only: partial. A btree entry is at most 2704 bytes, and a batch row's recipient
-- (up to 1,000 user ids joined by |) is longer; the per-member lookups these serve are of one
-- member. scripts/pg-migrations.ts (describePg) knows this difference from the schema.
CREATE INDEX "Outbox_channel_recipient_status_sentAt_idx" ON "Outbox"("channel", "recipient", "status", "sentAt") WHERE "recipient" NOT LIKE '%|%';

-- CreateIndex
CREATE INDEX "Outbox_erasedAt_createdAt_idx" ON "Outbox"("erasedAt", "createdAt");

-- CreateIndex
-- PostgreSQL only: partial, as the two per-member indexes below (one-person rows' twins).
CREATE INDEX "Outbox_contentHash_recipient_idx" ON "Outbox"("contentHash", "recipient") WHERE "recipient" NOT LIKE '%|%';

-- CreateIndex
CREATE UNIQUE INDEX "Dialog_orgId_channel_chatKey_userId_key" ON "Dialog"("orgId", "channel", "chatKey", "userId");

-- CreateIndex
CREATE INDEX "KeptDraft_keptUntil_idx" ON "KeptDraft"("keptUntil");

-- CreateIndex
CREATE UNIQUE INDEX "KeptDraft_orgId_channel_userId_flow_key" ON "KeptDraft"("orgId", "channel", "userId", "flow");

-- CreateIndex
CREATE UNIQUE INDEX "Activity_sourceKey_key" ON "Activity"("sourceKey");

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
CREATE INDEX "Suggestion_orgId_status_idx" ON "Suggestion"("orgId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_orgId_year_kind_seq_key" ON "Suggestion"("orgId", "year", "kind", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Suggestion_orgId_number_key" ON "Suggestion"("orgId", "number");

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
CREATE INDEX "RosterEvent_orgId_personId_idx" ON "RosterEvent"("orgId", "personId");

-- CreateIndex
CREATE INDEX "AuditLog_orgId_subject_idx" ON "AuditLog"("orgId", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "Rsvp_activityId_personId_key" ON "Rsvp"("activityId", "personId");

-- CreateIndex
CREATE INDEX "Notice_status_dueAt_idx" ON "Notice"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_activityId_kind_revision_personId_key" ON "Notice"("activityId", "kind", "revision", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "CalendarOverride_orgId_date_key" ON "CalendarOverride"("orgId", "date");

-- CreateIndex
CREATE INDEX "ReceptionOccurrence_orgId_date_idx" ON "ReceptionOccurrence"("orgId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ReceptionOccurrence_unitId_date_key" ON "ReceptionOccurrence"("unitId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ReceptionDuty_occurrenceId_personId_key" ON "ReceptionDuty"("occurrenceId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReceptionVisit_sourceKey_key" ON "ReceptionVisit"("sourceKey");

-- CreateIndex
CREATE INDEX "ReceptionVisit_orgId_status_deadline_idx" ON "ReceptionVisit"("orgId", "status", "deadline");

-- CreateIndex
CREATE UNIQUE INDEX "Department_orgId_name_key" ON "Department"("orgId", "name");

-- CreateIndex
CREATE INDEX "ScheduledRun_status_dueAt_idx" ON "ScheduledRun"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledRun_orgId_job_period_key" ON "ScheduledRun"("orgId", "job", "period");

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

-- CreateIndex
CREATE UNIQUE INDEX "ExportRequest_sourceKey_key" ON "ExportRequest"("sourceKey");

-- CreateIndex
CREATE INDEX "ExportRequest_status_nextAttemptAt_idx" ON "ExportRequest"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ActivityForm_orgId_quarter_idx" ON "ActivityForm"("orgId", "quarter");

-- CreateIndex
CREATE UNIQUE INDEX "ActivityForm_unitId_quarter_key" ON "ActivityForm"("unitId", "quarter");

-- AddForeignKey
ALTER TABLE "OrgCredential" ADD CONSTRAINT "OrgCredential_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlatformAccount" ADD CONSTRAINT "PlatformAccount_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityInvitee" ADD CONSTRAINT "ActivityInvitee_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeaveRequest" ADD CONSTRAINT "LeaveRequest_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attendance" ADD CONSTRAINT "Attendance_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rsvp" ADD CONSTRAINT "Rsvp_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReceptionDuty" ADD CONSTRAINT "ReceptionDuty_occurrenceId_fkey" FOREIGN KEY ("occurrenceId") REFERENCES "ReceptionOccurrence"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

