// The real server over HTTP on a fresh SQLite file, sending its mail to an SMTP recorder on
// loopback: what a browser journey signs up against and reads the sent e-mails from.
import { randomBytes } from 'node:crypto';
import { startServer, type RunningServer } from '../../../server/app';
import { createSqliteDatabase, type TestDatabase } from '../../support/database';
import { startSmtpRecorder, type SmtpRecorder } from '../../support/smtp-recorder';

export interface ServerWithMail {
  smtp: SmtpRecorder;
  database: TestDatabase;
  server: RunningServer;
  /** the server's URL as a user types it in the dashboard (no trailing slash) */
  serverUrl: string;
  close(): Promise<void>;
}

export async function startServerWithMail(): Promise<ServerWithMail> {
  const smtp = await startSmtpRecorder();
  const database = createSqliteDatabase();
  const server = await startServer({
    databaseUrl: database.url,
    host: '127.0.0.1',
    port: 0,
    smtpUrl: smtp.url,
    // the sender address for mail through the server-wide relay
    smtpFrom: 'outreach@reachlog.example',
    secret: randomBytes(32).toString('hex'),
  });
  return {
    smtp,
    database,
    server,
    serverUrl: server.url.replace(/\/+$/, ''),
    async close() {
      await server.close();
      await smtp.close();
      await database.drop();
    },
  };
}
