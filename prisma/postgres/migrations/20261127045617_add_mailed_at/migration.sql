-- AlterTable
ALTER TABLE "outreach_history" ADD COLUMN     "mailed_at" TIMESTAMP(3);
