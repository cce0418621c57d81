-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN "handledAt" DATETIME;

