-- CreateTable
CREATE TABLE "Worker" (
    "id" SERIAL NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "homeTown" TEXT,
    "homeLat" DOUBLE PRECISION,
    "homeLng" DOUBLE PRECISION,
    "trades" TEXT NOT NULL DEFAULT '[]',
    "lastQuery" TEXT,
    "wageFloor" INTEGER,
    "placePref" TEXT,
    "wantsAlerts" BOOLEAN NOT NULL DEFAULT false,
    "optedOut" BOOLEAN NOT NULL DEFAULT false,
    "optedOutAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Worker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identity" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "workerId" INTEGER NOT NULL,
    "optedOut" BOOLEAN NOT NULL DEFAULT false,
    "optedOutAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" SERIAL NOT NULL,
    "identityId" INTEGER NOT NULL,
    "state" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundMessage" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "identityId" INTEGER,
    "text" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "handledAt" TIMESTAMP(3),

    CONSTRAINT "InboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" SERIAL NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "payload" TEXT NOT NULL DEFAULT '{}',
    "kind" TEXT NOT NULL DEFAULT 'reply',
    "workerId" INTEGER,
    "topic" TEXT,
    "topicVersion" INTEGER,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "claimedBy" TEXT,
    "lastError" TEXT,
    "providerId" TEXT,
    "providerStatus" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Employer" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Employer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "employerId" INTEGER,
    "tokenHash" TEXT NOT NULL,
    "telegramChatId" TEXT,
    "phone" TEXT,
    "expiresAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Posting" (
    "id" SERIAL NOT NULL,
    "externalId" TEXT NOT NULL,
    "employerId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "location" TEXT NOT NULL DEFAULT '',
    "wageText" TEXT NOT NULL DEFAULT '',
    "type" TEXT NOT NULL DEFAULT 'fulltime',
    "benefits" TEXT NOT NULL DEFAULT '[]',
    "headcount" INTEGER,
    "requirements" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'open',
    "occupationCode" TEXT,
    "occupationName" TEXT,
    "province" TEXT,
    "city" TEXT,
    "county" TEXT,
    "town" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "wageMin" INTEGER,
    "wageMax" INTEGER,
    "wageUnit" TEXT,
    "monthlyMin" INTEGER,
    "monthlyMax" INTEGER,
    "jobType" TEXT,
    "boardAndLodging" BOOLEAN NOT NULL DEFAULT false,
    "placeLevel" TEXT,
    "embedding" BYTEA,
    "embeddingModel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Posting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobFair" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "organiser" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobFair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairPosting" (
    "fairId" INTEGER NOT NULL,
    "postingId" INTEGER NOT NULL,

    CONSTRAINT "FairPosting_pkey" PRIMARY KEY ("fairId","postingId")
);

-- CreateTable
CREATE TABLE "BusDeparture" (
    "id" SERIAL NOT NULL,
    "fairId" INTEGER NOT NULL,
    "place" TEXT NOT NULL,
    "departsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusDeparture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FairSubscription" (
    "id" SERIAL NOT NULL,
    "fairId" INTEGER NOT NULL,
    "workerId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FairSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interest" (
    "id" SERIAL NOT NULL,
    "workerId" INTEGER NOT NULL,
    "postingId" INTEGER NOT NULL,
    "consent" TEXT NOT NULL DEFAULT 'pending',
    "status" TEXT NOT NULL DEFAULT 'new',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Interest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Identity_workerId_idx" ON "Identity"("workerId");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_channel_address_key" ON "Identity"("channel", "address");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_identityId_key" ON "Conversation"("identityId");

-- CreateIndex
CREATE UNIQUE INDEX "InboundMessage_channel_providerId_key" ON "InboundMessage"("channel", "providerId");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_idempotencyKey_key" ON "OutboundMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboundMessage_state_nextAttemptAt_idx" ON "OutboundMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboundMessage_providerId_idx" ON "OutboundMessage"("providerId");

-- CreateIndex
CREATE INDEX "OutboundMessage_topic_state_idx" ON "OutboundMessage"("topic", "state");

-- CreateIndex
CREATE UNIQUE INDEX "Employer_name_key" ON "Employer"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_tokenHash_key" ON "User"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Posting_externalId_key" ON "Posting"("externalId");

-- CreateIndex
CREATE INDEX "Posting_status_idx" ON "Posting"("status");

-- CreateIndex
CREATE UNIQUE INDEX "FairSubscription_fairId_workerId_key" ON "FairSubscription"("fairId", "workerId");

-- CreateIndex
CREATE UNIQUE INDEX "Interest_workerId_postingId_key" ON "Interest"("workerId", "postingId");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InboundMessage" ADD CONSTRAINT "InboundMessage_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Posting" ADD CONSTRAINT "Posting_employerId_fkey" FOREIGN KEY ("employerId") REFERENCES "Employer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairPosting" ADD CONSTRAINT "FairPosting_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "JobFair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairPosting" ADD CONSTRAINT "FairPosting_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BusDeparture" ADD CONSTRAINT "BusDeparture_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "JobFair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairSubscription" ADD CONSTRAINT "FairSubscription_fairId_fkey" FOREIGN KEY ("fairId") REFERENCES "JobFair"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FairSubscription" ADD CONSTRAINT "FairSubscription_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interest" ADD CONSTRAINT "Interest_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "Worker"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interest" ADD CONSTRAINT "Interest_postingId_fkey" FOREIGN KEY ("postingId") REFERENCES "Posting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

