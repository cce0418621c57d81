-- CreateTable
CREATE TABLE "OutboundMention" (
    "messageId" INTEGER NOT NULL,
    "interestId" INTEGER NOT NULL,
    "workerId" INTEGER NOT NULL,

    PRIMARY KEY ("messageId", "interestId"),
    CONSTRAINT "OutboundMention_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboundMessage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContactVerification" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "ContactVerification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OutboundMention_workerId_idx" ON "OutboundMention"("workerId");

-- CreateIndex
CREATE INDEX "ContactVerification_userId_createdAt_idx" ON "ContactVerification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ContactVerification_channel_address_idx" ON "ContactVerification"("channel", "address");

-- Recruiter notices written before this migration name their candidates in the payload only
INSERT OR IGNORE INTO "OutboundMention" ("messageId", "interestId", "workerId")
SELECT m."id", i."id", i."workerId"
FROM "OutboundMessage" m, json_each(m."payload", '$.interestIds') j
JOIN "Interest" i ON i."id" = j."value"
WHERE m."topic" LIKE 'recruiter:%';
