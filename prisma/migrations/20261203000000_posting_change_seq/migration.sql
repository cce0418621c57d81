-- AlterTable
ALTER TABLE "Posting" ADD COLUMN "changeSeq" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ChangeCounter" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" INTEGER NOT NULL DEFAULT 0
);

-- CreateIndex
CREATE INDEX "Posting_changeSeq_idx" ON "Posting"("changeSeq");

-- The counter every posting write takes its number from
INSERT INTO "ChangeCounter" ("name", "value") VALUES ('posting', 0);
