-- AlterTable
ALTER TABLE "Posting" ADD COLUMN "embeddingModel" TEXT;

