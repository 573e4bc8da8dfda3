// Every procedure of the router, fuzzed over real HTTP: inputs derived from its zod schema and
// hostile ones beyond it (wrong types, huge strings, unicode, nulls, `__proto__` keys). Each call
// gets an answer below 500 — BAD_REQUEST for bad input, never an internal error — the server
// stays up, logs no unexpected error, and nothing leaks into Object.prototype.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/logger';
import { callRaw, PUBLIC_PROCEDURES, procedures } from '../support/procedures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import { hostileArbitrary, schemaArbitrary, toJson } from '../support/zod-arbitrary';

/** Runs per procedure: half schema-shaped, half hostile (fewer where each call hashes a password). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const SLOW = new Set(['auth.signUp', 'auth.signIn', 'auth.resetPassword']);

const logLines: string[] = [];
let server: TestServer;
/** Sends and everything else; never has SMTP settings of its own, so mail goes to the test relay. */
let user: TestUser;
/** Only for smtp.set/get/clear: whatever host fuzzing stores is never connected to. */
let smtpUser: TestUser;
/** Only for signOut. */
let leaving: TestUser;
const figures: Record<string, { runs: number; statuses: Record<number, number> }> = {};

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  server = await startTestServer({ logger: createLogger({ level: 'debug', stream }) });
  [user, smtpUser, leaving] = await Promise.all([
    server.signUpUser(),
    server.signUpUser(),
    server.signUpUser(),
  ]);
});
afterAll(async () => {
  const total = Object.values(figures).reduce((n, f) => n + f.runs, 0);
  console.log(`FUZZ procedures=${Object.keys(figures).length} calls=${total} ${JSON.stringify(figures)}`);
  await server?.close();
});

function tokenFor(path: string): string | undefined {
  if ((PUBLIC_PROCEDURES as readonly string[]).includes(path)) return undefined;
  if (path === 'auth.signOut') return leaving.token;
  // Made-up mail settings make their tests answer 502 (the mail server is unreachable): they go
  // to another user, so smtp.test and replies.check meet no settings.
  if ((path.startsWith('smtp.') && path !== 'smtp.test') || path.startsWith('imap.')) return smtpUser.token;
  return user.token;
}

describe('every procedure, fuzzed over HTTP', () => {
  for (const proc of procedures()) {
    it(`${proc.path}: schema-shaped and hostile inputs never get a 5xx`, { timeout: 180_000 }, async () => {
      const runs = SLOW.has(proc.path) ? Math.ceil(RUNS / 4) : RUNS;
      const f = (figures[proc.path] = { runs: 0, statuses: {} as Record<number, number> });
      const input = fc.oneof(
        proc.input ? schemaArbitrary(proc.input) : fc.constant(undefined),
        hostileArbitrary(proc.input),
      );
      await fc.assert(
        fc.asyncProperty(input, async (value) => {
          const res = await callRaw(server.trpcUrl, proc, toJson(value), tokenFor(proc.path));
          f.runs += 1;
          f.statuses[res.status] = (f.statuses[res.status] ?? 0) + 1;
          expect(res.status, `${proc.path} ${res.text.slice(0, 300)}`).toBeLessThan(500);
          expect(res.code).not.toBe('INTERNAL_SERVER_ERROR');
          if (res.status === 400) expect(res.code ?? 'BAD_REQUEST').toMatch(/BAD_REQUEST|PARSE_ERROR/);
        }),
        { numRuns: runs, seed: Number(process.env.FUZZ_SEED ?? 8_2026) },
      );
      if (proc.path === 'smtp.set') await smtpUser.client.smtp.clear.mutate();
      if (proc.path === 'imap.set') await smtpUser.client.imap.clear.mutate();
    });
  }

  it('text with a NUL character is BAD_REQUEST on every database (PostgreSQL cannot store it)', async () => {
    const upsert = procedures().find((p) => p.path === 'drafts.upsert')!;
    const draft = { id: 'nul-draft-0001', recipient: { name: 'Nul' }, emailBody: 'a\u0000b' };
    const res = await callRaw(server.trpcUrl, upsert, JSON.stringify(draft), user.token);
    expect({ status: res.status, code: res.code }).toEqual({ status: 400, code: 'BAD_REQUEST' });
    const list = procedures().find((p) => p.path === 'history.list')!;
    const search = await callRaw(server.trpcUrl, list, JSON.stringify({ query: 'x\u0000' }), user.token);
    expect(search.status).toBe(400);
  });

  it('the server is still up, nothing polluted Object.prototype, and no unexpected error was logged', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const errors = logLines.filter((l) => /"level":(50|60)/.test(l));
    expect(errors).toEqual([]);
  });
});
