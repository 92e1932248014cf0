-- CreateTable
CREATE TABLE "OrgDingtalkApp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orgId" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "robotCode" TEXT NOT NULL,
    "noticeTemplate" TEXT NOT NULL,
    "approvalTemplate" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "OrgDingtalkApp_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgDingtalkApp_orgId_key" ON "OrgDingtalkApp"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "OrgDingtalkApp_clientId_key" ON "OrgDingtalkApp"("clientId");

