-- CreateTable
CREATE TABLE "ServiceSecret" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);
