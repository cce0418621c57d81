-- CreateTable
CREATE TABLE "ProgrammeAnswer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "topic" TEXT NOT NULL,
    "keywords" TEXT NOT NULL DEFAULT '[]',
    "answer" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Handover" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workerId" INTEGER NOT NULL,
    "identityId" INTEGER,
    "openFor" INTEGER,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reason" TEXT NOT NULL,
    "lastText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    CONSTRAINT "Handover_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Handover_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HandoverReply" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "handoverId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "outboundId" INTEGER,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "HandoverReply_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "HandoverReply_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- AlterTable
ALTER TABLE "JobFair" ADD COLUMN "bring" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeAnswer_topic_key" ON "ProgrammeAnswer"("topic");

-- CreateIndex
CREATE UNIQUE INDEX "Handover_openFor_key" ON "Handover"("openFor");

-- CreateIndex
CREATE INDEX "Handover_status_createdAt_idx" ON "Handover"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Handover_workerId_idx" ON "Handover"("workerId");

-- CreateIndex
CREATE INDEX "HandoverReply_handoverId_idx" ON "HandoverReply"("handoverId");

