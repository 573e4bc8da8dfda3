-- AlterTable
ALTER TABLE "outreach_history" ADD COLUMN "follow_up_of" INTEGER;
ALTER TABLE "outreach_history" ADD COLUMN "replied_at" DATETIME;

-- CreateTable
CREATE TABLE "imap_settings" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "secure" BOOLEAN NOT NULL,
    "username" TEXT NOT NULL,
    "password_enc" TEXT,
    "mailbox" TEXT NOT NULL DEFAULT 'INBOX',
    "uid_validity" TEXT,
    "last_uid" INTEGER NOT NULL DEFAULT 0,
    "last_checked_at" DATETIME,
    "last_error" TEXT,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "imap_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
