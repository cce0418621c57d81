-- CreateTable
CREATE TABLE "OutboundMention" (
    "messageId" INTEGER NOT NULL,
    "interestId" INTEGER NOT NULL,
    "workerId" INTEGER NOT NULL,

    CONSTRAINT "OutboundMention_pkey" PRIMARY KEY ("messageId","interestId")
);

-- CreateTable
CREATE TABLE "ContactVerification" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "codeHash" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContactVerification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OutboundMention_workerId_idx" ON "OutboundMention"("workerId");

-- CreateIndex
CREATE INDEX "ContactVerification_userId_createdAt_idx" ON "ContactVerification"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "ContactVerification_channel_address_idx" ON "ContactVerification"("channel", "address");

-- AddForeignKey
ALTER TABLE "OutboundMention" ADD CONSTRAINT "OutboundMention_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "OutboundMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactVerification" ADD CONSTRAINT "ContactVerification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Recruiter notices written before this migration name their candidates in the payload only
INSERT INTO "OutboundMention" ("messageId", "interestId", "workerId")
SELECT DISTINCT m."id", i."id", i."workerId"
FROM "OutboundMessage" m
CROSS JOIN LATERAL json_array_elements_text(
    CASE WHEN json_typeof(m."payload"::json -> 'interestIds') = 'array' THEN m."payload"::json -> 'interestIds' ELSE '[]'::json END
) AS j(v)
JOIN "Interest" i ON i."id" = j.v::int
WHERE m."topic" LIKE 'recruiter:%'
ON CONFLICT DO NOTHING;
