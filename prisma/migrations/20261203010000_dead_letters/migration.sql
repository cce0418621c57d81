-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "deadAt" DATETIME
);

-- CreateIndex
CREATE INDEX "DeadLetter_deadAt_idx" ON "DeadLetter"("deadAt");

-- CreateIndex
CREATE UNIQUE INDEX "DeadLetter_channel_providerId_key" ON "DeadLetter"("channel", "providerId");
