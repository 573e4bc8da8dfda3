// One user's synced data, written straight into a migrated SQLite file with prepared inserts:
// drafts and history rows, each with its own change version (as the server gives them), and
// the user's version counter past the last one. Row shapes follow the shared schema
// (ZOutreachContent / ZHistoryRow column names).
import Sqlite from 'better-sqlite3';

const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const DAY = 24 * 60 * 60 * 1000;
const CHANNELS = ['email', 'linkedin', 'both'] as const;

export interface SyncSeed {
  drafts: number;
  history: number;
  lastVersion: number;
  ms: number;
}

export function seedUserData(
  file: string,
  userId: string,
  opts: { drafts: number; history: number },
): SyncSeed {
  const started = performance.now();
  const db = new Sqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const now = Date.now();
  let version =
    (
      db.prepare('SELECT version FROM user_versions WHERE user_id = ?').get(userId) as
        { version: number } | undefined
    )?.version ?? 0;

  // Bulk load: the history indexes are built once at the end (several times faster).
  const indexes =
    opts.history > 50_000
      ? (db
          .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outreach_history' AND sql IS NOT NULL",
          )
          .all() as { name: string; sql: string }[])
      : [];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);

  const insertDraft = db.prepare(`INSERT INTO drafts (id, user_id, recipient_name, recipient_email,
      recipient_linkedin_url, job_title, company_name, job_url, email_subject, email_body, linkedin_message,
      status, created_at, updated_at, version, field_versions, conflicts)
    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 'draft', ?, ?, ?, '{}', '[]')`);
  const insertRow = db.prepare(`INSERT INTO outreach_history (user_id, recipient_name, recipient_email,
      recipient_linkedin_url, job_title, company_name, channel, email_subject, email_body, linkedin_message,
      sent_at, created_at, draft_id, status, error, job_url, send_id, version)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'sent', NULL, NULL, ?, ?)`);
  const BATCH = 20_000;
  db.transaction(() => {
    for (let i = 0; i < opts.drafts; i++) {
      const at = iso(now - (opts.drafts - i) * 60_000);
      insertDraft.run(
        `bench-draft-${String(i).padStart(7, '0')}`,
        userId,
        `Recruiter ${i}`,
        `recruiter${i}@example.com`,
        `https://www.linkedin.com/in/recruiter-${i}/`,
        'Staff Engineer',
        'Acme',
        `About the role ${i}`,
        `Hi Recruiter ${i},\n\nI would love to talk about the Staff Engineer role at Acme.\n\nBest,\nSam`,
        `Hi Recruiter ${i}, would love to connect about the Staff Engineer role.`,
        at,
        at,
        ++version,
      );
    }
  })();
  for (let from = 0; from < opts.history; from += BATCH) {
    const to = Math.min(opts.history, from + BATCH);
    db.transaction(() => {
      for (let k = from; k < to; k++) {
        const channel = CHANNELS[k % 7 === 0 ? 2 : k % 2]!;
        const at = iso(now - 365 * DAY + Math.floor((k / opts.history) * 365 * DAY));
        insertRow.run(
          userId,
          `Person ${k}`,
          channel === 'linkedin' ? null : `person${k}@example.com`,
          channel === 'email' ? null : `https://www.linkedin.com/in/person-${k}/`,
          'Engineer',
          'Globex',
          channel,
          channel === 'linkedin' ? null : `Hello ${k}`,
          channel === 'linkedin' ? null : `Body of message ${k}: a few lines a real e-mail would have.`,
          channel === 'email' ? null : `LinkedIn message ${k}`,
          at,
          at,
          `bench-send-${k}`,
          ++version,
        );
      }
    })();
  }
  for (const index of indexes) db.exec(index.sql);
  db.prepare(
    'INSERT INTO user_versions (user_id, version) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET version = excluded.version',
  ).run(userId, version);
  db.exec('ANALYZE');
  db.close();
  return {
    drafts: opts.drafts,
    history: opts.history,
    lastVersion: version,
    ms: performance.now() - started,
  };
}
