// Issue 8, whole system 1: a crash in the middle of sending. The real server runs as its own
// process; several clients fire 1,000 sends at once (e-mail to a loopback SMTP server that counts
// every message it reads, LinkedIn records, some of both kinds with drafts, drafts.send); the
// server is SIGKILLed mid-way, restarted, and the clients retry what was not acknowledged, with
// the same send ids, until everything is. Then:
//   - every send id has exactly one history row, sent, the one its client was answered with;
//   - every e-mail send reached the mail server, every copy with the send's one Message-ID;
//     a second copy only for a send that was inside the window SMTP leaves open (the mail server
//     had read it, its `mailed_at` was not yet written) — at most one per sending slot of each
//     killed process (4); the test counts them;
//   - stats equal a recount of history; no draft is lost.
// SQLite (project integration) and PostgreSQL (integration-pg), and on PostgreSQL also with two
// server processes sharing the database, one of them killed. Prints `CRASH <db> {figures}`.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../server/db/client';
import { messageIdFor } from '../../server/services/mailer';
import { messageIdOf, startFaultySmtp } from '../../server/testing/faulty-smtp';
import { createTestDatabase, testDbKind } from '../support/database';
import { makeClient, type Client } from '../support/server';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const SENDS = 1_000;
const USERS = 5;
/** Short, so claims left by the killed process go stale in 3 s + 15 s (staleClaimMs). */
const SMTP_TIMEOUT_MS = 3_000;
/** Sending slots per transport per process (mailer.ts): the most a crash can catch mid-SMTP. */
const SLOTS_PER_PROCESS = 4;
const SMTP_FROM = 'relay@reachlog.test';
/** The whole run, retries included, must finish by then. */
const GIVE_UP_MS = 200_000;

type Kind = 'email' | 'email-draft' | 'linkedin' | 'linkedin-draft' | 'draft-both' | 'draft-linkedin';
const KINDS: Kind[] = [
  'email',
  'email',
  'email',
  'email-draft',
  'linkedin',
  'linkedin',
  'linkedin-draft',
  'draft-both',
  'draft-both',
  'draft-linkedin',
];
const mails = (k: Kind) => k === 'email' || k === 'email-draft' || k === 'draft-both';
const channelOf = (k: Kind) => (k === 'draft-both' ? 'both' : mails(k) ? 'email' : 'linkedin');

interface Spec {
  i: number;
  kind: Kind;
  user: number;
  sendId: string;
  draftId: string | null;
  /** the row id the client was answered with */
  ackId: number | null;
}

/** Answers the extension's outbox retries (extension/api/errors.ts: network and 'retryable'). */
const RETRIED = new Set([
  'NETWORK',
  'CONFLICT',
  'TOO_MANY_REQUESTS',
  'TIMEOUT',
  'SERVICE_UNAVAILABLE',
  'GATEWAY_TIMEOUT',
  'CLIENT_CLOSED_REQUEST',
]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jitter = (ms: number) => ms / 2 + Math.random() * (ms / 2);

const recipient = (i: number) => ({
  name: `Recipient ${i}`,
  email: `r-${i}@corp.example`,
  linkedinUrl: `https://www.linkedin.com/in/recipient-${i}/`,
});

async function run(processes: 1 | 2) {
  const db = await createTestDatabase();
  const smtp = await startFaultySmtp('accept');
  // The mail server takes a moment to store each message: a kill lands inside SMTP conversations.
  smtp.replyDelayMs = 25;
  const env = {
    DATABASE_URL: db.url,
    SMTP_URL: smtp.url,
    SMTP_FROM,
    REACHLOG_SECRET: randomBytes(32).toString('hex'),
    SEND_LIMIT_PER_MINUTE: '100000',
    SEND_LIMIT_PER_HOUR: '100000',
    SIGNUP_LIMIT_PER_HOUR: '1000',
    SMTP_TIMEOUT_MS: String(SMTP_TIMEOUT_MS),
    // Delivery, not accounts: the relay sends for new accounts at once.
    EMAIL_VERIFICATION: 'off',
  };
  const servers: ServerProcess[] = [];
  const killedOutputs: string[] = [];
  let live: string[] = [];
  const inspect = createDatabase(db.url);
  try {
    for (let p = 0; p < processes; p++) servers.push(await startServerProcess(env));
    live = servers.map((s) => s.url);
    const pick = () => live[Math.floor(Math.random() * live.length)];

    // Users and their drafts (acknowledged before the storm).
    const tokens: string[] = [];
    for (let u = 0; u < USERS; u++) {
      const r = await makeClient(`${live[0]}/trpc`).auth.signUp.mutate({
        email: `crash-${u}-${randomUUID().slice(0, 8)}@example.com`,
        password: `pw-${randomUUID()}`,
        name: `Seeker ${u}`,
      });
      tokens.push(r.token);
    }
    const clients = new Map<string, Client>();
    const client = (url: string, user: number) => {
      const key = `${url} ${user}`;
      let c = clients.get(key);
      if (!c) clients.set(key, (c = makeClient(`${url}/trpc`, tokens[user], { batch: false })));
      return c;
    };
    const specs: Spec[] = Array.from({ length: SENDS }, (_, i) => {
      const kind = KINDS[i % KINDS.length]!;
      const withDraft = kind.includes('draft');
      return {
        i,
        kind,
        user: i % USERS,
        sendId: randomUUID(),
        draftId: withDraft ? randomUUID() : null,
        ackId: null,
      };
    });
    const drafted = specs.filter((s) => s.draftId);
    for (let k = 0; k < drafted.length; k += 50) {
      await Promise.all(
        drafted.slice(k, k + 50).map((s) =>
          client(live[0]!, s.user).drafts.upsert.mutate({
            id: s.draftId!,
            recipient: recipient(s.i),
            jobTitle: 'Engineer',
            companyName: 'Corp',
            emailSubject: `Send ${s.i}`,
            emailBody: `Hello, this is send ${s.i}.`,
            linkedinMessage: `Hi, send ${s.i} here.`,
          }),
        ),
      );
    }

    // The storm: every send at once; each client retries until it is acknowledged.
    const errors: Record<string, number> = {};
    /** The first message of each kind of answer that made a client retry. */
    const firstMessage: Record<string, string> = {};
    /** Sends an attempt of which was given up at the SMTP deadline (a loaded machine). */
    const timedOut = new Set<number>();
    let acked = 0;
    let ackedBeforeKill: number | null = null;
    const deadline = Date.now() + GIVE_UP_MS;
    const call = (c: Client, s: Spec) => {
      const r = recipient(s.i);
      switch (s.kind) {
        case 'email':
        case 'email-draft':
          return c.outreach.sendEmail.mutate({
            sendId: s.sendId,
            recipient: { name: r.name, email: r.email },
            subject: `Send ${s.i}`,
            body: `Hello, this is send ${s.i}.`,
            ...(s.draftId ? { draftId: s.draftId } : {}),
          });
        case 'linkedin':
        case 'linkedin-draft':
          return c.outreach.recordLinkedIn.mutate({
            sendId: s.sendId,
            recipient: { name: r.name, linkedinUrl: r.linkedinUrl },
            message: `Hi, send ${s.i} here.`,
            ...(s.draftId ? { draftId: s.draftId } : {}),
          });
        case 'draft-both':
        case 'draft-linkedin':
          return c.drafts.send.mutate({
            sendId: s.sendId,
            draftId: s.draftId!,
            email: s.kind === 'draft-both',
            linkedinSent: true,
          });
      }
    };
    const deliver = async (s: Spec) => {
      for (;;) {
        if (Date.now() > deadline)
          throw new Error(`send ${s.i} still not acknowledged after ${GIVE_UP_MS} ms`);
        const url = pick();
        if (!url) {
          await sleep(100);
          continue;
        }
        try {
          const row = await call(client(url, s.user), s);
          s.ackId = row.id;
          acked += 1;
          return;
        } catch (e) {
          const code = (e as { data?: { code?: string } }).data?.code ?? 'NETWORK';
          errors[code] = (errors[code] ?? 0) + 1;
          firstMessage[code] ??= (e as Error).message.slice(0, 160);
          // As the extension's outbox: only these are tried again; any other answer (an internal
          // error, a refusal) would leave the send failed in front of the user.
          if (!RETRIED.has(code)) {
            throw new Error(`send ${s.i} (${s.kind}) failed: ${code} ${(e as Error).message}`);
          }
          if (code === 'SERVICE_UNAVAILABLE') timedOut.add(s.i);
          // wait and try again, longer for a send being finished
          await sleep(jitter(code === 'CONFLICT' ? 2_000 : 400));
        }
      }
    };
    const started = Date.now();
    const storm = Promise.all(specs.map(deliver));

    // Mid-way: kill one server (SIGKILL: no shutdown), start it again.
    while (acked < SENDS * 0.4) {
      if (Date.now() > deadline) throw new Error('the sends never got going');
      await sleep(10);
    }
    const victim = servers[0]!;
    live = live.filter((u) => u !== victim.url);
    await victim.kill();
    killedOutputs.push(victim.output());
    ackedBeforeKill = acked;
    const killedAt = Date.now() - started;
    await victim.start(); // the same port, as a supervisor would restart it
    live.push(victim.url);
    await storm;
    const tookMs = Date.now() - started;

    // Every send: exactly one history row, sent, the one its client was answered with.
    const rows = await inspect.prisma.outreachHistory.findMany({
      select: { id: true, userId: true, sendId: true, status: true, channel: true, draftId: true },
    });
    const users = await inspect.prisma.user.findMany({ select: { id: true, email: true } });
    const userIds = await Promise.all(
      tokens.map((_, u) =>
        client(live[0]!, u)
          .auth.me.query()
          .then((m) => m.id),
      ),
    );
    expect(users.length).toBe(USERS);
    expect(rows).toHaveLength(SENDS);
    const byKey = new Map(rows.map((r) => [`${r.userId} ${r.sendId}`, r]));
    for (const s of specs) {
      const row = byKey.get(`${userIds[s.user]} ${s.sendId}`);
      expect(row, `send ${s.i}`).toMatchObject({
        id: s.ackId,
        status: 'sent',
        channel: channelOf(s.kind),
        draftId: s.draftId,
      });
    }

    // E-mails: every e-mail send reached the mail server; copies share the send's Message-ID.
    const copies = new Map<string, string[]>();
    for (const raw of smtp.received) {
      const to = /^to:.*<?(r-\d+@corp\.example)>?/im.exec(raw.split(/\r?\n\r?\n/)[0] ?? '')?.[1];
      expect(to, 'every message is to one of the recipients').toBeDefined();
      copies.set(to!, [...(copies.get(to!) ?? []), messageIdOf(raw) ?? '']);
    }
    let duplicates = 0;
    let duplicatesAfterTimeout = 0;
    for (const s of specs) {
      const got = copies.get(recipient(s.i).email) ?? [];
      if (!mails(s.kind)) {
        expect(got, `LinkedIn-only send ${s.i} mailed nothing`).toEqual([]);
        continue;
      }
      expect(got.length, `e-mail send ${s.i} reached the mail server`).toBeGreaterThanOrEqual(1);
      const id = messageIdFor(userIds[s.user]!, s.sendId, SMTP_FROM);
      expect(new Set(got), `every copy of send ${s.i} is the same message`).toEqual(new Set([id]));
      duplicates += got.length - 1;
      if (timedOut.has(s.i)) duplicatesAfterTimeout += got.length - 1;
    }
    const emailSends = specs.filter((s) => mails(s.kind)).length;
    expect(copies.size).toBe(emailSends);
    // The window SMTP leaves open: at most one message per sending slot of the killed process,
    // plus any send given up at the deadline after the mail server had read it (the same window,
    // opened by a timeout instead of a crash; only on a machine too loaded for 3 s).
    expect(duplicates - duplicatesAfterTimeout).toBeLessThanOrEqual(SLOTS_PER_PROCESS);

    // Stats equal a recount of history; every draft is still there, and the sent ones say so.
    for (let u = 0; u < USERS; u++) {
      const mine = rows.filter((r) => r.userId === userIds[u]);
      const count = (ch: string) => mine.filter((r) => r.channel === ch).length;
      const stats = await client(live[0]!, u).stats.get.query();
      expect(stats.totals).toEqual({
        all: mine.length,
        email: count('email'),
        linkedin: count('linkedin'),
        both: count('both'),
      });
      const drafts = await client(live[0]!, u).drafts.list.query();
      const expected = drafted.filter((s) => s.user === u);
      expect(drafts.map((d) => d.id).sort()).toEqual(expected.map((s) => s.draftId).sort());
      expect(drafts.every((d) => d.status === 'sent')).toBe(true);
    }

    const figures = {
      db: testDbKind(),
      processes,
      fired: SENDS,
      acknowledgedBeforeKill: ackedBeforeKill,
      inFlightAtKill: SENDS - ackedBeforeKill,
      acknowledged: acked,
      recorded: rows.filter((r) => r.status === 'sent').length,
      emailSends,
      emailsCounted: smtp.received.length,
      sentTwice: duplicates,
      sentTwiceAfterATimeout: duplicatesAfterTimeout,
      retriedErrors: errors,
      retriedBecause: firstMessage,
      killedAtMs: killedAt,
      tookMs,
    };
    const unexpected = [...killedOutputs, ...servers.map((x) => x.output())]
      .join('\n')
      .split('\n')
      .filter((l) => l.includes('"unexpected error"'));
    if (unexpected.length) console.log(`server errors:\n${unexpected.slice(0, 5).join('\n')}`);
    console.log(`CRASH ${testDbKind()}${processes > 1 ? ' two-processes' : ''} ${JSON.stringify(figures)}`);
    expect(acked).toBe(SENDS);
  } catch (err) {
    for (const s of servers) console.error(`--- server ${s.url} output ---\n${s.output().slice(-4000)}`);
    throw err;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await inspect.close();
    await smtp.close();
    await db.drop();
  }
}

describe('a crash during 1,000 concurrent sends', { timeout: GIVE_UP_MS + 60_000 }, () => {
  it('one server, SIGKILLed mid-way and restarted: every send once, every e-mail once (or counted)', () =>
    run(1));

  it.runIf(testDbKind() === 'postgres')(
    'two servers sharing the database, one SIGKILLed mid-way and restarted',
    () => run(2),
  );
});
