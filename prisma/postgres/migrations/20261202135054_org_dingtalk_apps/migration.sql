-- CreateTable
CREATE TABLE "OrgDingtalkApp" (
    "id" SERIAL NOT NULL,
    "orgId" INTEGER NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "robotCode" TEXT NOT NULL,
    "noticeTemplate" TEXT NOT NULL,
    "approvalTemplate" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgDingtalkApp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgDingtalkApp_orgId_key" ON "OrgDingtalkApp"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "OrgDingtalkApp_clientId_key" ON "OrgDingtalkApp"("clientId");

-- AddForeignKey
ALTER TABLE "OrgDingtalkApp" ADD CONSTRAINT "OrgDingtalkApp_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

