// The real Reachlog server in its own process for bench/durability.bench.ts, with the SQLite
// `synchronous` setting under test. Prints `READY <url>` once listening.
//   durability-server.ts <databaseUrl> <smtpUrl> <FULL|NORMAL>
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { startServer } from '../../server/app';

const [databaseUrl, smtpUrl, synchronous] = process.argv.slice(2);
if (!databaseUrl || !smtpUrl || (synchronous !== 'FULL' && synchronous !== 'NORMAL')) {
  console.error('usage: durability-server.ts <databaseUrl> <smtpUrl> <FULL|NORMAL>');
  process.exit(2);
}

const server = await startServer({
  databaseUrl,
  host: '127.0.0.1',
  port: 0,
  smtpUrl,
  smtpFrom: 'bench@relay.example.com',
  secret: randomBytes(32).toString('hex'),
  sendLimits: { perMinute: 1_000_000, perHour: 1_000_000 },
  signUpLimitPerHour: 1_000,
  sqliteSynchronous: synchronous,
  logger: pino({ level: 'silent' }),
});
console.log(`READY ${server.url}`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
