-- AlterTable
ALTER TABLE "outreach_history" ADD COLUMN     "follow_up_of" INTEGER,
ADD COLUMN     "replied_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "imap_settings" (
    "user_id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "secure" BOOLEAN NOT NULL,
    "username" TEXT NOT NULL,
    "password_enc" TEXT,
    "mailbox" TEXT NOT NULL DEFAULT 'INBOX',
    "uid_validity" TEXT,
    "last_uid" INTEGER NOT NULL DEFAULT 0,
    "last_checked_at" TIMESTAMP(3),
    "last_error" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "imap_settings_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "imap_settings" ADD CONSTRAINT "imap_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
