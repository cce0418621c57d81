-- AlterTable
ALTER TABLE "Worker" ADD COLUMN     "alertedUpTo" INTEGER;

