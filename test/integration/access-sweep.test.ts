// The access sweep, generated from the router itself (a procedure added tomorrow is swept without
// editing this file): every procedure but the public ones, called over HTTP with no token, a
// made-up token, a signed-out (revoked) token and an expired one, answers UNAUTHORIZED with no
// data; called with another user's token and the first user's ids, it never returns, changes or
// deletes the first user's data. Through it all the server's log lines (captured) and the answers
// never carry a password, a session token or an SMTP secret.
import net from 'node:net';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/client';
import { createLogger } from '../../server/logger';
import { draft, emailSend, linkedinSend } from '../support/fixtures';
import { callRaw, PUBLIC_PROCEDURES, procedures, type ProcedureInfo } from '../support/procedures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import { schemaArbitrary } from '../support/zod-arbitrary';

const logLines: string[] = [];
const answers: string[] = [];
let server: TestServer;
let alice: TestUser;
let bob: TestUser;
/** Alice's content that no request of Bob's contains: seeing it in an answer is a leak. */
const PRIVATE = `alice-private-${crypto.randomUUID()}`;
const SMTP_SECRET = `smtp-secret-${crypto.randomUUID()}`;
const aliceDraft = draft({ emailSubject: `Subject ${PRIVATE}`, emailBody: `Body ${PRIVATE}` });
const aliceSend = emailSend({ body: `Sent ${PRIVATE}` });
const aliceLinkedIn = linkedinSend({ message: `LinkedIn ${PRIVATE}` });
const tokens: Record<'revoked' | 'expired' | 'bobSignOut', string> = {
  revoked: '',
  expired: '',
  bobSignOut: '',
};
/** A loopback port nothing listens on: the only mail server any input of this test names. */
let deadPort = 0;

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  server = await startTestServer({ logger: createLogger({ level: 'debug', stream }) });
  alice = await server.signUpUser({ name: 'Alice' });
  bob = await server.signUpUser({ name: 'Bob' });
  await alice.client.drafts.upsert.mutate(aliceDraft);
  await alice.client.outreach.sendEmail.mutate(aliceSend);
  await alice.client.outreach.recordLinkedIn.mutate(aliceLinkedIn);
  // Her own mail server (down), with a password: a failed test send writes its error to the log.
  deadPort = await closedPort();
  await alice.client.smtp.set.mutate({
    host: '127.0.0.1',
    port: deadPort,
    secure: false,
    username: `alice-${PRIVATE}`,
    password: SMTP_SECRET,
    fromAddress: 'alice@own.example',
  });
  await alice.client.smtp.test.mutate({}).catch(() => undefined);

  const revoked = await server.client().auth.signIn.mutate({ email: alice.email, password: alice.password });
  await server.client(revoked.token).auth.signOut.mutate();
  tokens.revoked = revoked.token;
  const expired = await server.client().auth.signIn.mutate({ email: alice.email, password: alice.password });
  const db = createDatabase(server.db.url);
  try {
    await db.prisma.session.update({
      where: { token: expired.token },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
  } finally {
    await db.close();
  }
  tokens.expired = expired.token;
  tokens.bobSignOut = (
    await server.client().auth.signIn.mutate({ email: bob.email, password: bob.password })
  ).token;
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** Alice's ids and values, put into each input where its schema has a field of that name. */
function aliceValues(): Record<string, unknown> {
  return {
    id: aliceDraft.id,
    draftId: aliceDraft.id,
    sendId: aliceSend.sendId,
    linkedinUrl: aliceLinkedIn.recipient.linkedinUrl,
    jobUrl: aliceSend.jobUrl,
    email: aliceSend.recipient.email,
    // Whatever smtp.set stores points at a dead loopback port, never at a generated host.
    host: '127.0.0.1',
    port: deadPort,
  };
}

function withAlice(value: unknown, values: Record<string, unknown>): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = k in values ? values[k] : withAlice(v, values);
  return out;
}

/** A valid input for the procedure carrying Alice's ids wherever they fit. */
function inputWithAliceIds(proc: ProcedureInfo): unknown {
  if (!proc.input) return undefined;
  const samples = fc.sample(schemaArbitrary(proc.input), { numRuns: 500, seed: 42 });
  const valid = samples.filter((s) => proc.input!.safeParse(s).success);
  for (const base of valid) {
    const mixed = withAlice(base, aliceValues());
    if (proc.input.safeParse(mixed).success) return mixed;
  }
  return valid[0] ?? {};
}

const sweep = procedures();
const guarded = sweep.filter((p) => !(PUBLIC_PROCEDURES as readonly string[]).includes(p.path));

describe('the access sweep', () => {
  it('covers the whole router', () => {
    console.log(
      `ACCESS-SWEEP procedures=${sweep.length} guarded=${guarded.length} public=${PUBLIC_PROCEDURES.length}`,
    );
    expect(guarded.length).toBeGreaterThanOrEqual(18);
    for (const p of PUBLIC_PROCEDURES) expect(sweep.map((s) => s.path)).toContain(p);
  });

  for (const proc of sweep) {
    const isPublic = (PUBLIC_PROCEDURES as readonly string[]).includes(proc.path);
    it(`${proc.path}: ${isPublic ? 'public' : 'UNAUTHORIZED with no, made-up, revoked or expired token; another user never reaches the data'}`, async () => {
      const input = JSON.stringify(inputWithAliceIds(proc));
      const bad = {
        none: undefined,
        madeUp: 'not-a-real-session-token',
        revoked: tokens.revoked,
        expired: tokens.expired,
      };
      for (const [kind, token] of Object.entries(bad)) {
        const res = await callRaw(server.trpcUrl, proc, input, token);
        answers.push(res.text);
        if (isPublic) {
          // Public procedures answer without a session, and never with Alice's data.
          expect(res.status, kind).toBeLessThan(500);
        } else {
          expect({ kind, status: res.status, code: res.code }).toEqual({
            kind,
            status: 401,
            code: 'UNAUTHORIZED',
          });
        }
        expect(res.text).not.toContain(PRIVATE);
      }
      const bobToken = proc.path === 'auth.signOut' ? tokens.bobSignOut : bob.token;
      const asBob = await callRaw(server.trpcUrl, proc, input, bobToken);
      answers.push(asBob.text);
      // Below 500, or BAD_GATEWAY: Bob's own mail server (as the sweep set it) is down.
      if (asBob.status >= 500) expect(asBob.code, asBob.text.slice(0, 300)).toBe('BAD_GATEWAY');
      expect(asBob.text).not.toContain(PRIVATE);
      expect(asBob.text).not.toContain(alice.user.id);
    });
  }

  it("Alice's data is as she left it: nothing of it was changed or deleted through Bob", async () => {
    const drafts = await alice.client.drafts.list.query();
    expect(drafts.find((d) => d.id === aliceDraft.id)).toMatchObject({
      emailSubject: aliceDraft.emailSubject,
      emailBody: aliceDraft.emailBody,
      status: 'draft',
    });
    const history = await alice.client.history.latest.query({ limit: 100 });
    expect(history.map((h) => h.emailBody ?? h.linkedinMessage).sort()).toEqual(
      [aliceSend.body, aliceLinkedIn.message].sort(),
    );
    expect(await alice.client.smtp.get.query()).toMatchObject({
      username: `alice-${PRIVATE}`,
      hasPassword: true,
    });
    expect(await alice.client.auth.me.query()).toMatchObject({ id: alice.user.id });
  });

  it('no answer and no log line carries a password, a session token or an SMTP secret', () => {
    const secrets = {
      'alice password': alice.password,
      'bob password': bob.password,
      'alice token': alice.token,
      'bob token': bob.token,
      'revoked token': tokens.revoked,
      'expired token': tokens.expired,
      'bob second token': tokens.bobSignOut,
      'smtp password': SMTP_SECRET,
    };
    expect(logLines.length).toBeGreaterThan(0);
    // The failed test send was logged (with the error), without the password.
    expect(logLines.some((l) => l.includes('ECONNREFUSED'))).toBe(true);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(
        logLines.filter((l) => l.includes(secret)),
        `${what} in the log`,
      ).toEqual([]);
      expect(
        answers.filter((a) => a.includes(secret)),
        `${what} in an answer`,
      ).toEqual([]);
    }
  });
});
