-- CreateTable
CREATE TABLE "OrgCredential" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'wecom',
    "corpId" TEXT NOT NULL,
    "agentId" INTEGER NOT NULL,
    "secret" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "aesKey" TEXT NOT NULL,
    "botToken" TEXT,
    "botAesKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrgCredential_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgCredential_orgId_channel_key" ON "OrgCredential"("orgId", "channel");

