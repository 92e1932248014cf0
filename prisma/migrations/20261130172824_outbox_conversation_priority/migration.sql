-- Additive only (ALTER TABLE ADD COLUMN, no table rewrite): other branches add Outbox columns too.
ALTER TABLE "Outbox" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;
