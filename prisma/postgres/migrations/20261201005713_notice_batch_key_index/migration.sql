-- CreateIndex
CREATE INDEX "Notice_batchKey_idx" ON "Notice"("batchKey");

