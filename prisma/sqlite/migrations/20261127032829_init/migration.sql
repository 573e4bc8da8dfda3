-- CreateTable
CREATE TABLE "user" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "email_verified" BOOLEAN NOT NULL DEFAULT false,
    "image" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "expires_at" DATETIME NOT NULL,
    "token" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "ip_address" TEXT,
    "user_agent" TEXT,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "account_id" TEXT NOT NULL,
    "provider_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "access_token" TEXT,
    "refresh_token" TEXT,
    "id_token" TEXT,
    "access_token_expires_at" DATETIME,
    "refresh_token_expires_at" DATETIME,
    "scope" TEXT,
    "password" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "account_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "verification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "identifier" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "outreach_history" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "recipient_email" TEXT,
    "recipient_linkedin_url" TEXT,
    "job_title" TEXT,
    "company_name" TEXT,
    "channel" TEXT NOT NULL,
    "email_subject" TEXT,
    "email_body" TEXT,
    "linkedin_message" TEXT,
    "sent_at" DATETIME NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "draft_id" TEXT,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "job_url" TEXT,
    "send_id" TEXT NOT NULL,
    "claimed_at" DATETIME,
    CONSTRAINT "outreach_history_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_stats" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "total_all" INTEGER NOT NULL DEFAULT 0,
    "total_email" INTEGER NOT NULL DEFAULT 0,
    "total_linkedin" INTEGER NOT NULL DEFAULT 0,
    "total_both" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "user_stats_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "drafts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "recipient_name" TEXT NOT NULL,
    "recipient_email" TEXT,
    "recipient_linkedin_url" TEXT,
    "job_title" TEXT,
    "company_name" TEXT,
    "job_url" TEXT,
    "email_subject" TEXT,
    "email_body" TEXT,
    "linkedin_message" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    "version" INTEGER NOT NULL,
    "deleted_at" DATETIME,
    CONSTRAINT "drafts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "user_versions" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "version" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "user_versions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "smtp_settings" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "secure" BOOLEAN NOT NULL,
    "username" TEXT,
    "password_enc" TEXT,
    "from_address" TEXT NOT NULL,
    "from_name" TEXT,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "smtp_settings_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_key" ON "session"("token");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "account_user_id_idx" ON "account"("user_id");

-- CreateIndex
CREATE INDEX "verification_identifier_idx" ON "verification"("identifier");

-- CreateIndex
CREATE INDEX "outreach_history_user_id_idx" ON "outreach_history"("user_id");

-- CreateIndex
CREATE INDEX "outreach_history_sent_at_idx" ON "outreach_history"("sent_at");

-- CreateIndex
CREATE INDEX "outreach_history_user_id_sent_at_idx" ON "outreach_history"("user_id", "sent_at");

-- CreateIndex
CREATE INDEX "outreach_history_user_id_recipient_linkedin_url_idx" ON "outreach_history"("user_id", "recipient_linkedin_url");

-- CreateIndex
CREATE INDEX "outreach_history_user_id_recipient_email_idx" ON "outreach_history"("user_id", "recipient_email");

-- CreateIndex
CREATE INDEX "outreach_history_user_id_job_url_idx" ON "outreach_history"("user_id", "job_url");

-- CreateIndex
CREATE UNIQUE INDEX "outreach_history_user_id_send_id_key" ON "outreach_history"("user_id", "send_id");

-- CreateIndex
CREATE INDEX "drafts_user_id_version_idx" ON "drafts"("user_id", "version");
