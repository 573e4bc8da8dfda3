-- AlterTable
ALTER TABLE "drafts" ADD COLUMN "template" TEXT;
ALTER TABLE "drafts" ADD COLUMN "template_id" TEXT;

-- AlterTable
ALTER TABLE "outreach_history" ADD COLUMN "template" TEXT;
ALTER TABLE "outreach_history" ADD COLUMN "template_id" TEXT;
