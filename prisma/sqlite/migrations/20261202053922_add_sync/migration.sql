-- Sync protocol (docs/sync.md). Columns are added in place (no table rebuild): on a large
-- outreach_history this runs in milliseconds instead of copying every row.

-- AlterTable
ALTER TABLE "outreach_history" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "drafts" ADD COLUMN "field_versions" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "drafts" ADD COLUMN "conflicts" TEXT NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "user_versions" ADD COLUMN "compacted_through" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "sync_items" (
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" DATETIME NOT NULL,
    "deleted_at" DATETIME,

    PRIMARY KEY ("user_id", "kind", "item_id"),
    CONSTRAINT "sync_items_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "sync_clients" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "last_mutation_id" INTEGER NOT NULL DEFAULT 0,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "sync_clients_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "outreach_history_user_id_version_idx" ON "outreach_history"("user_id", "version");

-- CreateIndex
CREATE INDEX "sync_items_user_id_version_idx" ON "sync_items"("user_id", "version");

-- CreateIndex
CREATE INDEX "sync_clients_user_id_idx" ON "sync_clients"("user_id");
