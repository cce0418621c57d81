-- AlterTable
ALTER TABLE "OutboundMessage" ADD COLUMN "topic" TEXT;
ALTER TABLE "OutboundMessage" ADD COLUMN "topicVersion" INTEGER;

-- CreateIndex
CREATE INDEX "OutboundMessage_topic_state_idx" ON "OutboundMessage"("topic", "state");

