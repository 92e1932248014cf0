-- CreateTable
CREATE TABLE "LocalClock" (
    "orgId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "simulated" DATETIME NOT NULL,
    "base" DATETIME NOT NULL
);

