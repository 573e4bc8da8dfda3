-- AlterTable
ALTER TABLE "drafts" ADD COLUMN     "template" TEXT,
ADD COLUMN     "template_id" TEXT;

-- AlterTable
ALTER TABLE "outreach_history" ADD COLUMN     "template" TEXT,
ADD COLUMN     "template_id" TEXT;
