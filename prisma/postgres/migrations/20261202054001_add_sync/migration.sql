-- AlterTable
ALTER TABLE "drafts" ADD COLUMN     "conflicts" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "field_versions" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "outreach_history" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "user_versions" ADD COLUMN     "compacted_through" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "sync_items" (
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "item_id" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "deleted_at" TIMESTAMP(3),

    CONSTRAINT "sync_items_pkey" PRIMARY KEY ("user_id","kind","item_id")
);

-- CreateTable
CREATE TABLE "sync_clients" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "last_mutation_id" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "sync_clients_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sync_items_user_id_version_idx" ON "sync_items"("user_id", "version");

-- CreateIndex
CREATE INDEX "sync_clients_user_id_idx" ON "sync_clients"("user_id");

-- CreateIndex
CREATE INDEX "outreach_history_user_id_version_idx" ON "outreach_history"("user_id", "version");

-- AddForeignKey
ALTER TABLE "sync_items" ADD CONSTRAINT "sync_items_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_clients" ADD CONSTRAINT "sync_clients_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
