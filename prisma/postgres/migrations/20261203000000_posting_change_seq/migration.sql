-- AlterTable
ALTER TABLE "Posting" ADD COLUMN     "changeSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ChangeCounter" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ChangeCounter_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Posting_changeSeq_idx" ON "Posting"("changeSeq");

-- The counter every posting write takes its number from
INSERT INTO "ChangeCounter" ("name", "value") VALUES ('posting', 0);
