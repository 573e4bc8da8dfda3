import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draft, emailSend, id, linkedinSend } from '../support/fixtures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import { failure } from '../support/trpc-errors';
import type { TDraftUpsertInput } from '../../shared/schemas/drafts';
import type { THistoryRow } from '../../shared/schemas/history';
import type { TRecordLinkedInInput, TSendEmailInput } from '../../shared/schemas/outreach';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let aliceDraft: TDraftUpsertInput;
let aliceSentDraft: TDraftUpsertInput;
let aliceEmail: TSendEmailInput;
let aliceLinkedin: TRecordLinkedInInput;
const aliceRows: THistoryRow[] = [];

beforeAll(async () => {
  server = await startTestServer();
  alice = await server.signUpUser({ name: 'Alice' });
  bob = await server.signUpUser({ name: 'Bob' });

  aliceDraft = draft({ companyName: 'Alice Secret Co', jobTitle: 'Alice Secret Role' });
  await alice.client.drafts.upsert.mutate(aliceDraft);
  aliceSentDraft = draft({ companyName: 'Alice Secret Co' });
  await alice.client.drafts.upsert.mutate(aliceSentDraft);
  aliceRows.push(
    await alice.client.drafts.send.mutate({
      draftId: aliceSentDraft.id,
      sendId: id(),
      email: true,
      linkedinSent: true,
    }),
  );
  aliceEmail = emailSend({ companyName: 'Alice Secret Co' });
  aliceRows.push(await alice.client.outreach.sendEmail.mutate(aliceEmail));
  aliceLinkedin = linkedinSend({ companyName: 'Alice Secret Co' });
  aliceRows.push(await alice.client.outreach.recordLinkedIn.mutate(aliceLinkedin));
});
afterAll(async () => {
  await server?.close();
});

async function aliceUnchanged() {
  const drafts = await alice.client.drafts.list.query();
  expect(drafts.find((d) => d.id === aliceDraft.id)).toMatchObject({
    status: 'draft',
    companyName: 'Alice Secret Co',
    jobTitle: 'Alice Secret Role',
    emailSubject: aliceDraft.emailSubject,
  });
  expect(drafts.find((d) => d.id === aliceSentDraft.id)).toMatchObject({ status: 'sent' });
  const latest = await alice.client.history.latest.query();
  expect(latest.map((r) => r.id)).toEqual(aliceRows.map((r) => r.id).reverse());
  expect(latest.every((r) => r.status === 'sent')).toBe(true);
}

const notFound = async (call: Promise<unknown>) => {
  const err = await failure(call);
  expect(err.code).toBe('NOT_FOUND');
  expect(JSON.stringify(err.data)).not.toContain('Alice Secret');
  expect(err.message).not.toContain('Alice Secret');
};

describe("user B using user A's ids", () => {
  it("drafts.upsert with A's draft id → NOT_FOUND, A's draft untouched", async () => {
    await notFound(
      bob.client.drafts.upsert.mutate({ ...draft(), id: aliceDraft.id, companyName: 'Overwritten by Bob' }),
    );
    await aliceUnchanged();
    expect(await bob.client.drafts.list.query()).toEqual([]);
  });

  it("drafts.delete with A's draft id → NOT_FOUND, A's draft still there", async () => {
    await notFound(bob.client.drafts.delete.mutate({ id: aliceDraft.id }));
    await aliceUnchanged();
  });

  it("drafts.send with A's draft id → NOT_FOUND, nothing sent or recorded", async () => {
    const mailsBefore = server.smtp.messages.length;
    await notFound(
      bob.client.drafts.send.mutate({
        draftId: aliceDraft.id,
        sendId: id(),
        email: true,
        linkedinSent: true,
      }),
    );
    await notFound(
      bob.client.drafts.send.mutate({
        draftId: aliceDraft.id,
        sendId: id(),
        email: false,
        linkedinSent: true,
      }),
    );
    expect(server.smtp.messages.length).toBe(mailsBefore);
    expect(await bob.client.history.latest.query()).toEqual([]);
    await aliceUnchanged();
  });

  it("sendEmail / recordLinkedIn naming A's draft never touch A's draft", async () => {
    for (const call of [
      () => bob.client.outreach.sendEmail.mutate(emailSend({ draftId: aliceDraft.id })),
      () => bob.client.outreach.recordLinkedIn.mutate(linkedinSend({ draftId: aliceDraft.id })),
    ]) {
      // NOT_FOUND, or recorded as Bob's own send: either way Alice's draft stays a draft.
      const res = await call().then(
        (row) => ({ row }),
        (err: unknown) => ({ err }),
      );
      if ('err' in res) await notFound(Promise.reject(res.err));
      else expect(res.row.companyName).not.toBe('Alice Secret Co');
    }
    await aliceUnchanged();
  });

  it("re-using A's sendId never returns A's row", async () => {
    for (const call of [
      () => bob.client.outreach.sendEmail.mutate(emailSend({ sendId: aliceEmail.sendId })),
      () => bob.client.outreach.recordLinkedIn.mutate(linkedinSend({ sendId: aliceLinkedin.sendId })),
    ]) {
      const res = await call().then(
        (row) => ({ row }),
        (err: unknown) => ({ err }),
      );
      if ('row' in res) {
        // Treated as Bob's own new send.
        expect(aliceRows.map((r) => r.id)).not.toContain(res.row.id);
        expect(res.row.companyName).not.toBe('Alice Secret Co');
      } else {
        expect(JSON.stringify(res.err)).not.toContain('Alice Secret');
      }
    }
    await aliceUnchanged();
  });

  it("history.forRecipient with A's recipients finds nothing for B", async () => {
    const [both, email, li] = aliceRows as [THistoryRow, THistoryRow, THistoryRow];
    expect(await bob.client.history.forRecipient.query({ email: email.recipientEmail! })).toEqual([]);
    expect(await bob.client.history.forRecipient.query({ linkedinUrl: li.recipientLinkedinUrl! })).toEqual(
      [],
    );
    expect(await bob.client.history.forRecipient.query({ jobUrl: li.jobUrl! })).toEqual([]);
    expect(
      await bob.client.history.forRecipient.query({
        email: both.recipientEmail!,
        linkedinUrl: both.recipientLinkedinUrl!,
        jobUrl: both.jobUrl!,
      }),
    ).toEqual([]);
    // ...while A finds them.
    expect(await alice.client.history.forRecipient.query({ email: email.recipientEmail! })).toEqual([email]);
  });

  it("B's history, search, stats and drafts never include A's rows", async () => {
    await bob.client.outreach.recordLinkedIn.mutate(linkedinSend({ companyName: 'Bob Co' }));
    const aliceIds = new Set(aliceRows.map((r) => r.id));
    const isAlice = (r: THistoryRow) => aliceIds.has(r.id) || r.companyName === 'Alice Secret Co';

    const all = (await bob.client.history.list.query({ limit: 200 })).items;
    expect(all.length).toBeGreaterThanOrEqual(1);
    expect(all.filter(isAlice)).toEqual([]);
    expect(all[0]!.companyName).toBe('Bob Co');
    expect((await bob.client.history.latest.query({ limit: 100 })).filter(isAlice)).toEqual([]);
    expect((await bob.client.history.list.query({ query: 'Alice Secret' })).items).toEqual([]);
    for (const channel of ['email', 'linkedin', 'both'] as const) {
      expect((await bob.client.history.list.query({ channel })).items.filter(isAlice)).toEqual([]);
    }
    const stats = await bob.client.stats.get.query();
    const sent = all.filter((r) => r.status === 'sent');
    expect(stats.totals).toEqual({
      all: sent.length,
      email: sent.filter((r) => r.channel === 'email').length,
      linkedin: sent.filter((r) => r.channel === 'linkedin').length,
      both: sent.filter((r) => r.channel === 'both').length,
    });
    expect(stats.latest.filter(isAlice)).toEqual([]);
    expect(await bob.client.drafts.list.query()).toEqual([]);

    expect((await alice.client.stats.get.query()).totals).toEqual({ all: 3, email: 1, linkedin: 1, both: 1 });
  });

  it("A's cursor does not page through A's history for B", async () => {
    const page = await alice.client.history.list.query({ limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    const res = await bob.client.history.list.query({ limit: 50, cursor: page.nextCursor }).then(
      (p) => p.items,
      () => [],
    );
    expect(res.every((r) => r.companyName !== 'Alice Secret Co')).toBe(true);
  });

  it("B's smtp settings are B's own", async () => {
    await alice.client.smtp.set.mutate({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      username: 'alice',
      password: 'alice-smtp-secret',
      fromAddress: 'alice@example.com',
    });
    expect(await bob.client.smtp.get.query()).toBeNull();
    const mine = await alice.client.smtp.get.query();
    expect(mine).toMatchObject({
      host: '127.0.0.1',
      port: 2525,
      username: 'alice',
      hasPassword: true,
      fromAddress: 'alice@example.com',
    });
    expect(JSON.stringify(mine)).not.toContain('alice-smtp-secret');
    await bob.client.smtp.clear.mutate();
    expect(await alice.client.smtp.get.query()).toMatchObject({ host: '127.0.0.1' });
  });
});
