// The server's history rows read and changed in its SQLite file directly: to check what the
// server kept, and to make a send old without shifting any browser's clock.
import Database from 'better-sqlite3';

/** A history row as the server keeps it. */
export function readHistoryRow(dbUrl: string, id: number): Record<string, unknown> {
  const sqlite = new Database(dbUrl.replace(/^file:/, ''), { readonly: true });
  try {
    return sqlite
      .prepare(
        'SELECT channel, template, template_id, follow_up_of, replied_at FROM outreach_history WHERE id = ?',
      )
      .get(id) as Record<string, unknown>;
  } finally {
    sqlite.close();
  }
}

/**
 * Moves a history row `ms` back in time, with the user's next change version (as every
 * server-side change takes, services/versions.ts), so every browser pulls it on its next sync.
 */
export function backdateSend(dbUrl: string, historyId: number, ms: number): void {
  const sqlite = new Database(dbUrl.replace(/^file:/, ''));
  try {
    sqlite.pragma('busy_timeout = 10000');
    const row = sqlite
      .prepare('SELECT user_id, sent_at FROM outreach_history WHERE id = ?')
      .get(historyId) as {
      user_id: string;
      sent_at: string;
    };
    // the same text format the server writes (ISO 8601 with +00:00)
    const old = new Date(new Date(row.sent_at).getTime() - ms).toISOString().replace('Z', '+00:00');
    sqlite.transaction(() => {
      sqlite.prepare('UPDATE user_versions SET version = version + 1 WHERE user_id = ?').run(row.user_id);
      sqlite
        .prepare(
          'UPDATE outreach_history SET sent_at = ?, version = (SELECT version FROM user_versions WHERE user_id = ?) WHERE id = ?',
        )
        .run(old, row.user_id, historyId);
    })();
  } finally {
    sqlite.close();
  }
}
