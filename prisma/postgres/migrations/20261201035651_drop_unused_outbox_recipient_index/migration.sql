-- DropIndex
DROP INDEX "Outbox_channel_recipient_sentAt_idx";

