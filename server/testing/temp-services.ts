// Services on a fresh, migrated SQLite file in a temp folder, for unit tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createDatabase, tuneSqlite, type Database } from '../db/client';
import { migrate } from '../db/migrate';
import { createServices, type Services } from '../services';

export interface TempServices {
  services: Services;
  db: Database;
  dir: string;
  close(): Promise<void>;
}

/** `dir`: reuse another instance's folder (and so its database), like a second server process. */
export async function tempServices(opts: { smtpUrl?: string; dir?: string } = {}): Promise<TempServices> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'reachlog-unit-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  await migrate(url);
  const db = createDatabase(url);
  await tuneSqlite(db);
  const services = createServices({
    db,
    secret: 'unit-test-secret-0123456789abcdef',
    smtpUrl: opts.smtpUrl,
    log: pino({ level: 'silent' }),
  });
  return {
    services,
    db,
    dir,
    async close() {
      services.close();
      await db.close();
      if (!opts.dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let n = 0;
export async function newUser(services: Services, name = 'Tester') {
  n += 1;
  const email = `user${n}-${Date.now()}@example.com`;
  const r = await services.auth.signUp({ email, password: 'correct horse battery', name });
  return r.user;
}
