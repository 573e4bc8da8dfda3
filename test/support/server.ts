// The real Reachlog server for a test file: its own fresh database (SQLite file, or a new
// PostgreSQL database when TEST_DB=postgres), a recording SMTP relay, and typed tRPC clients
// that talk to it over HTTP exactly as the extension does.
import { createTRPCClient, httpBatchLink, httpLink } from '@trpc/client';
import { randomBytes, randomUUID } from 'node:crypto';
import superjson from 'superjson';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type StartServerOptions } from '../../server/app';
import type { AppRouter } from '../../server/routers/_app';
import { MAX_BATCH_SIZE } from '../../shared/api-limits';
import type { TAuthResult } from '../../shared/schemas/auth';
import { createTestDatabase, type TestDatabase } from './database';
import { startSmtpRecorder, type RecordedMessage, type SmtpRecorder } from './smtp-recorder';
import { makeTestCertificate, type TestCertificate } from '../../server/testing/tls-smtp-server';

export type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface TestUser extends TAuthResult {
  email: string;
  password: string;
  client: Client;
}

export interface TestServer {
  /** Base URL, `http://127.0.0.1:<port>` (tRPC at `${url}/trpc`). */
  url: string;
  trpcUrl: string;
  db: TestDatabase;
  smtp: SmtpRecorder;
  /** A self-signed certificate the server trusts for mail servers (give it to a TLS SMTP recorder). */
  tls: TestCertificate;
  /** Batching client (as the extension uses it); `batch: false` sends one HTTP request per call. */
  client(token?: string, options?: { batch?: boolean }): Client;
  /**
   * Signs a user up over HTTP and, unless `confirm: false`, confirms the e-mail address as a user
   * does: the code e-mailed through the relay is read and sent back (that mail is then dropped
   * from `smtp.messages`, so tests count only their own mail).
   */
  signUpUser(overrides?: {
    email?: string;
    password?: string;
    name?: string;
    confirm?: boolean;
  }): Promise<TestUser>;
  close(): Promise<void>;
}

export function uniqueEmail(prefix = 'user'): string {
  return `${prefix}-${randomUUID().slice(0, 12)}@example.com`;
}

export function makeClient(trpcUrl: string, token?: string, options: { batch?: boolean } = {}): Client {
  const headers = () => (token ? { Authorization: `Bearer ${token}` } : {});
  const link =
    options.batch === false
      ? httpLink({ url: trpcUrl, transformer: superjson, headers })
      : httpBatchLink({ url: trpcUrl, transformer: superjson, headers, maxItems: MAX_BATCH_SIZE });
  return createTRPCClient<AppRouter>({ links: [link] });
}

/** The 6-digit code in an account mail. */
export function codeIn(mail: RecordedMessage): string {
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  if (!code) throw new Error(`no code in the mail: ${mail.text}`);
  return code;
}

/**
 * Waits (up to 10 s) for the server's account mail to `email` whose subject starts with
 * `subject`, removes it from the recorder and returns it.
 */
export async function takeCodeMail(
  smtp: SmtpRecorder,
  email: string,
  subject: string,
): Promise<RecordedMessage> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const i = smtp.messages.findIndex(
      (m) => m.envelope.to.includes(email.toLowerCase()) && m.subject.startsWith(subject),
    );
    if (i >= 0) return smtp.messages.splice(i, 1)[0]!;
    if (Date.now() > deadline) throw new Error(`no "${subject}" mail to ${email} within 10 s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

let certificate: Promise<TestCertificate> | null = null;
/** One certificate per test process (making one takes a moment). */
const testCertificate = () => (certificate ??= makeTestCertificate());

/** SMTP_FROM of the test server: the relay's own sender (Reply-To carries the user). */
export const TEST_SMTP_FROM = 'reachlog@relay.example.com';

/** `overrides`: server options for one test file (limits, SMTP_FROM, …). */
export async function startTestServer(
  overrides: Partial<Omit<StartServerOptions, 'databaseUrl' | 'secret'>> = {},
): Promise<TestServer> {
  const smtp = await startSmtpRecorder();
  const db = await createTestDatabase();
  const tls = await testCertificate();
  const running = await startServer({
    databaseUrl: db.url,
    host: '127.0.0.1',
    port: 0,
    smtpUrl: smtp.url,
    smtpFrom: TEST_SMTP_FROM,
    // Test files send more than a person would; the limits have their own tests.
    sendLimits: { perMinute: 10_000, perHour: 10_000 },
    // The test's "own" mail servers are on loopback.
    allowPrivateSmtp: true,
    // Every test signs up its users from 127.0.0.1.
    signUpLimitPerHour: 10_000,
    secret: randomBytes(32).toString('hex'),
    smtpTlsCa: tls.cert,
    ...overrides,
  });
  const url = running.url.replace(/\/+$/, '').replace(/\/trpc$/, '');
  const trpcUrl = `${url}/trpc`;
  const client = (token?: string, options?: { batch?: boolean }) => makeClient(trpcUrl, token, options);

  return {
    url,
    trpcUrl,
    db,
    smtp,
    tls,
    client,
    async signUpUser(overrides = {}) {
      const email = overrides.email ?? uniqueEmail();
      const password = overrides.password ?? `pw-${randomUUID()}`;
      const result = await client().auth.signUp.mutate({
        email,
        password,
        name: overrides.name ?? 'Test User',
      });
      const user = { ...result, email, password, client: client(result.token) };
      if (overrides.confirm === false || result.user.emailVerified) return user;
      const mail = await takeCodeMail(smtp, email, 'Confirm your e-mail address');
      user.user = await user.client.auth.verifyEmail.mutate({ code: codeIn(mail) });
      return user;
    },
    async close() {
      await running.close();
      await smtp.close();
      await db.drop();
    },
  };
}

export interface TestServerOptions {
  /** server options for this test file, as for `startTestServer` */
  server?: Parameters<typeof startTestServer>[0];
  /** the signed-up user's email, password or name */
  user?: Parameters<TestServer['signUpUser']>[0];
}

/**
 * One server and one signed-up user for the whole test file: starts them in `beforeAll`, closes
 * the server in `afterAll`. Read `server` and `user` inside tests and hooks (they exist only once
 * `beforeAll` has run).
 */
export function setupTestServer(options: TestServerOptions = {}): {
  readonly server: TestServer;
  readonly user: TestUser;
} {
  let server: TestServer | undefined;
  let user: TestUser | undefined;
  beforeAll(async () => {
    server = await startTestServer(options.server);
    user = await server.signUpUser(options.user);
  });
  afterAll(async () => {
    await server?.close();
  });
  const notYet = (what: string) =>
    new Error(`setupTestServer: the ${what} is created in beforeAll; read it inside a test or hook`);
  return {
    get server() {
      if (!server) throw notYet('server');
      return server;
    },
    get user() {
      if (!user) throw notYet('user');
      return user;
    },
  };
}
