-- AlterTable
ALTER TABLE "JobFair" ADD COLUMN     "bring" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ProgrammeAnswer" (
    "id" SERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "keywords" TEXT NOT NULL DEFAULT '[]',
    "answer" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgrammeAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Handover" (
    "id" SERIAL NOT NULL,
    "workerId" INTEGER NOT NULL,
    "identityId" INTEGER,
    "openFor" INTEGER,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reason" TEXT NOT NULL,
    "lastText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Handover_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoverReply" (
    "id" SERIAL NOT NULL,
    "handoverId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "outboundId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HandoverReply_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverReply" ADD CONSTRAINT "HandoverReply_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverReply" ADD CONSTRAINT "HandoverReply_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

