// Seeds a migrated database (SQLite or PostgreSQL) for `npm run bench:server`: users with live
// sessions, and history rows as the server would have left them — each with its user's change
// version, 1–5 kB e-mail bodies, each recipient reached twice (so a recipient lookup returns
// the same few rows at any table size), stats counters and version counters to match.
// Raw multi-row inserts in one transaction per database; the history indexes are built once at
// the end (several times faster than keeping them up to date row by row).
import { randomBytes } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import pg from 'pg';

export interface BenchUser {
  id: string;
  token: string;
  /** the user's change version (= rows seeded for the user) */
  version: number;
  /** rows seeded for this user */
  rows: number;
}

export interface SeedResult {
  users: BenchUser[];
  rows: number;
  ms: number;
}

const DAY = 24 * 60 * 60 * 1000;

const PARAGRAPHS = [
  'I came across the Senior Software Engineer opening on your team and wanted to reach out directly. Over the last six years I have built and run TypeScript services that handle millions of requests a day, and the problems your team describes — keeping a distributed system fast while it grows — are the ones I enjoy most.',
  'At my current company I led the move of our order pipeline from a monolith to a set of services with clear ownership, cut p99 latency by 60 % and wrote the runbooks the on-call rotation still uses. I also mentor two junior engineers and run our internal reading group on database internals.',
  'What draws me to your company is the product itself: I have used it for two years, and I would love to help make it faster for the people who rely on it every day. I am based in Berlin, open to hybrid work, and could start within a month.',
  'I have attached a short summary of recent projects below. Would you have 20 minutes next week for a call? Any time between Tuesday and Thursday works for me, and I am happy to adapt to your schedule.',
  '— Rebuilt the search indexer (Rust, Kafka) so new listings appear in under two seconds instead of two minutes.\n— Designed the billing reconciliation job that caught a six-figure double-charge bug before release.\n— Introduced contract tests between twelve services; incidents caused by API drift dropped to zero.',
];

/** Deterministic bodies of about 1–5 kB (the size of real cover e-mails). */
function makeBodies(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 64; i++) {
    const target = 1000 + ((i * 977) % 4000);
    let text = `Hi Recruiter ${i},\n\n`;
    for (let p = i; text.length < target; p++) text += `${PARAGRAPHS[p % PARAGRAPHS.length]}\n\n`;
    out.push(`${text.slice(0, target)}\n\nBest regards,\nAlex`);
  }
  return out;
}
export const EMAIL_BODIES = makeBodies();
export const LINKEDIN_MESSAGES = EMAIL_BODIES.map((b) => b.slice(0, 300 + (b.length % 900)));

/** History row k of `rows` for `users` users: column values in HISTORY_COLUMNS order. */
const HISTORY_COLUMNS = [
  'user_id',
  'send_id',
  'recipient_name',
  'recipient_email',
  'recipient_linkedin_url',
  'job_title',
  'company_name',
  'job_url',
  'channel',
  'email_subject',
  'email_body',
  'linkedin_message',
  'status',
  'sent_at',
  'created_at',
  'version',
] as const;

export const userId = (u: number) => `bench-user-${String(u).padStart(5, '0')}`;
export const recipientUrl = (u: number, r: number) => `https://www.linkedin.com/in/recruiter-${u}-${r}/`;
export const jobUrl = (u: number, r: number) =>
  `https://www.linkedin.com/jobs/view/${4_000_000_000 + u * 100_000 + r}/`;

function historyRow(k: number, users: number, rows: number, now: number): (string | number | null)[] {
  const u = k % users;
  const j = Math.floor(k / users); // this user's j-th row: version j + 1
  const r = Math.floor(j / 2); // each recipient is reached twice
  const channel = j % 7 === 6 ? 'both' : j % 2 === 0 ? 'email' : 'linkedin';
  const hasEmail = channel !== 'linkedin';
  const hasLinkedin = channel !== 'email';
  const at = now - 365 * DAY + Math.floor((k / rows) * 365 * DAY);
  return [
    userId(u),
    `seed-${k}`,
    `Recruiter ${u}-${r}`,
    hasEmail ? `recruiter-${u}-${r}@company-${r % 300}.example.com` : null,
    hasLinkedin ? recipientUrl(u, r) : null,
    'Senior Software Engineer',
    `Company ${r % 300}`,
    jobUrl(u, r),
    channel,
    hasEmail ? 'About the Senior Software Engineer role' : null,
    hasEmail ? EMAIL_BODIES[k % EMAIL_BODIES.length]! : null,
    hasLinkedin ? LINKEDIN_MESSAGES[k % LINKEDIN_MESSAGES.length]! : null,
    'sent',
    at,
    at,
    j + 1,
  ];
}

function makeUsers(users: number, rows: number): BenchUser[] {
  return Array.from({ length: users }, (_, u) => {
    const n = Math.floor(rows / users) + (u < rows % users ? 1 : 0);
    return { id: userId(u), token: randomBytes(24).toString('base64url'), version: n, rows: n };
  });
}

function totalsOf(users: number, rows: number) {
  const t = Array.from({ length: users }, () => ({ all: 0, email: 0, linkedin: 0, both: 0 }));
  for (let k = 0; k < rows; k++) {
    const j = Math.floor(k / users);
    const c = t[k % users]!;
    c.all++;
    c[j % 7 === 6 ? 'both' : j % 2 === 0 ? 'email' : 'linkedin']++;
  }
  return t;
}

// The SQLite adapter's DateTime format (ISO 8601 with an explicit offset).
const sqliteIso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export function seedSqlite(file: string, opts: { users: number; rows: number }): SeedResult {
  const started = performance.now();
  const now = Date.now();
  const db = new Sqlite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outreach_history' AND sql IS NOT NULL",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  const users = makeUsers(opts.users, opts.rows);
  const totals = totalsOf(opts.users, opts.rows);
  const created = sqliteIso(now - 400 * DAY);
  const expires = sqliteIso(now + 30 * DAY);
  const fresh = sqliteIso(now);
  const insertRow = db.prepare(
    `INSERT INTO outreach_history (${HISTORY_COLUMNS.join(', ')}) VALUES (${HISTORY_COLUMNS.map(() => '?').join(', ')})`,
  );
  db.transaction(() => {
    const user = db.prepare(
      'INSERT INTO "user" (id, name, email, email_verified, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
    );
    const session = db.prepare(
      'INSERT INTO session (id, expires_at, token, created_at, updated_at, user_id) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const stats = db.prepare(
      'INSERT INTO user_stats (user_id, total_all, total_email, total_linkedin, total_both) VALUES (?, ?, ?, ?, ?)',
    );
    const versions = db.prepare('INSERT INTO user_versions (user_id, version) VALUES (?, ?)');
    users.forEach((u, i) => {
      user.run(u.id, `Bench User ${i}`, `bench-${i}@example.com`, created, created);
      session.run(`bench-session-${i}`, expires, u.token, fresh, fresh, u.id);
      const t = totals[i]!;
      stats.run(u.id, t.all, t.email, t.linkedin, t.both);
      versions.run(u.id, u.version);
    });
    for (let k = 0; k < opts.rows; k++) {
      const row = historyRow(k, opts.users, opts.rows, now);
      row[13] = sqliteIso(row[13] as number);
      row[14] = row[13];
      insertRow.run(row);
    }
  })();
  for (const index of indexes) db.exec(index.sql);
  db.exec('ANALYZE');
  db.pragma('journal_mode = WAL');
  db.close();
  return { users, rows: opts.rows, ms: performance.now() - started };
}

// Prisma's PostgreSQL DateTime is timestamp(3) without time zone, holding UTC.
const pgTime = (ms: number) => new Date(ms).toISOString().replace('Z', '');

export async function seedPostgres(url: string, opts: { users: number; rows: number }): Promise<SeedResult> {
  const started = performance.now();
  const now = Date.now();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const users = makeUsers(opts.users, opts.rows);
  const totals = totalsOf(opts.users, opts.rows);
  try {
    const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
      "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'outreach_history' AND indexname NOT LIKE '%_pkey'",
    );
    await client.query('BEGIN');
    for (const index of indexes) await client.query(`DROP INDEX "${index.indexname}"`);
    const created = pgTime(now - 400 * DAY);
    const fresh = pgTime(now);
    await client.query(
      `INSERT INTO "user" (id, name, email, email_verified, created_at, updated_at)
       SELECT id, 'Bench User ' || i, 'bench-' || i || '@example.com', true, $2, $2
       FROM unnest($1::text[]) WITH ORDINALITY AS t(id, i)`,
      [users.map((u) => u.id), created],
    );
    await client.query(
      `INSERT INTO session (id, expires_at, token, created_at, updated_at, user_id)
       SELECT 'bench-session-' || i, $3, token, $4, $4, id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(id, token, i)`,
      [users.map((u) => u.id), users.map((u) => u.token), pgTime(now + 30 * DAY), fresh],
    );
    await client.query(
      `INSERT INTO user_stats (user_id, total_all, total_email, total_linkedin, total_both)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[])`,
      [
        users.map((u) => u.id),
        totals.map((t) => t.all),
        totals.map((t) => t.email),
        totals.map((t) => t.linkedin),
        totals.map((t) => t.both),
      ],
    );
    await client.query(
      'INSERT INTO user_versions (user_id, version) SELECT * FROM unnest($1::text[], $2::int[])',
      [users.map((u) => u.id), users.map((u) => u.version)],
    );
    const types = [
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
      'timestamp',
      'timestamp',
      'int',
    ];
    const insert = `INSERT INTO outreach_history (${HISTORY_COLUMNS.join(', ')})
      SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
    const BATCH = 5_000;
    for (let from = 0; from < opts.rows; from += BATCH) {
      const cols: unknown[][] = HISTORY_COLUMNS.map(() => []);
      for (let k = from; k < Math.min(opts.rows, from + BATCH); k++) {
        const row = historyRow(k, opts.users, opts.rows, now);
        row[13] = pgTime(row[13] as number);
        row[14] = row[13];
        row.forEach((v, i) => cols[i]!.push(v));
      }
      await client.query(insert, cols);
    }
    for (const index of indexes) await client.query(index.indexdef);
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
  return { users, rows: opts.rows, ms: performance.now() - started };
}

/**
 * Sets each user's `version` to the user's change version now. Scenarios before this one have
 * written rows and drafts; a client pulls from its last cookie, so `sync.pull` asks from the
 * current version (one change back), not from the seed's (which would return every change the
 * earlier scenarios made: a catch-up no client makes over and over).
 */
export async function refreshVersions(url: string, users: BenchUser[]): Promise<void> {
  let rows: { user_id: string; version: number | string }[];
  if (url.startsWith('file:')) {
    const db = new Sqlite(url.slice(5), { readonly: true });
    try {
      rows = db.prepare('SELECT user_id, version FROM user_versions').all() as typeof rows;
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      rows = (await client.query('SELECT user_id, version FROM user_versions')).rows as typeof rows;
    } finally {
      await client.end();
    }
  }
  const now = new Map(rows.map((r) => [r.user_id, Number(r.version)]));
  for (const u of users) u.version = now.get(u.id) ?? u.version;
}
