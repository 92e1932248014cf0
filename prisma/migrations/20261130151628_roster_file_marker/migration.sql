-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "rosterFile" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "rosterFileImportedAt" DATETIME;

