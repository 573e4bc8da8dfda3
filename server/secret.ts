// REACHLOG_SECRET signs sessions and seals stored SMTP passwords, so every process serving one
// database must use the same one. With SQLite (one machine, one data folder) a generated secret
// kept beside the database does that; with PostgreSQL several processes, possibly on several
// machines, would each generate their own — so there it must be given.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { databaseKind, sqlitePathFromUrl } from './db/client';

export const PG_NEEDS_SECRET =
  'REACHLOG_SECRET must be set when DATABASE_URL is PostgreSQL: every server process sharing the ' +
  'database needs the same secret (e.g. REACHLOG_SECRET=$(openssl rand -base64 32))';

/** REACHLOG_SECRET, else (SQLite only) a secret kept in the data folder, made on first run. */
export function loadSecret(
  databaseUrl: string,
  env: NodeJS.ProcessEnv,
  onGenerated: (file: string) => void = () => {},
): string {
  const fromEnv = env.REACHLOG_SECRET;
  if (fromEnv) return fromEnv;
  if (databaseKind(databaseUrl) !== 'sqlite') throw new Error(PG_NEEDS_SECRET);
  const dataDir = env.REACHLOG_DATA_DIR ?? path.dirname(sqlitePathFromUrl(databaseUrl));
  const file = path.join(dataDir, 'reachlog-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  onGenerated(file);
  return secret;
}
