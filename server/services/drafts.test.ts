import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink';

let sink: SmtpSink;
let t: TempServices;
beforeAll(async () => {
  sink = await startSmtpSink();
  t = await tempServices({ smtpUrl: sink.url });
}, 60_000);
afterAll(async () => {
  await t.close();
  await sink.close();
}, 60_000);
beforeEach(() => {
  sink.messages.length = 0;
});

const full = (id: string) => ({
  id,
  recipient: { name: 'Dana', email: 'dana@corp.example', linkedinUrl: 'https://www.linkedin.com/in/dana/' },
  jobTitle: 'Engineer',
  companyName: 'Corp',
  jobUrl: 'https://www.linkedin.com/jobs/view/7654321/',
  emailSubject: 'Hi Dana',
  emailBody: 'Body',
  linkedinMessage: 'Hello Dana',
});

const errOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe('drafts', { timeout: 60_000 }, () => {
  it('upsert creates then updates, bumping the per-user version; list hides tombstones', async () => {
    const u = await newUser(t.services);
    const d1 = await t.services.drafts.upsert(u.id, { id: 'draft-v-0001', recipient: { name: 'Dana' } });
    expect(d1).toMatchObject({
      id: 'draft-v-0001',
      status: 'draft',
      jobTitle: null,
      recipient: { name: 'Dana', email: null, linkedinUrl: null },
    });
    expect(d1.updatedAt).toBeInstanceOf(Date);
    const v1 = (await t.db.prisma.draft.findUnique({ where: { id: 'draft-v-0001' } }))?.version ?? 0;
    const d2 = await t.services.drafts.upsert(u.id, full('draft-v-0001'));
    expect(d2.emailSubject).toBe('Hi Dana');
    const v2 = (await t.db.prisma.draft.findUnique({ where: { id: 'draft-v-0001' } }))?.version ?? 0;
    expect(v2).toBeGreaterThan(v1);
    await t.services.drafts.upsert(u.id, full('draft-v-0002'));
    expect((await t.services.drafts.list(u.id)).map((d) => d.id).sort()).toEqual([
      'draft-v-0001',
      'draft-v-0002',
    ]);

    expect(await t.services.drafts.delete(u.id, 'draft-v-0001')).toEqual({ ok: true });
    expect((await t.services.drafts.list(u.id)).map((d) => d.id)).toEqual(['draft-v-0002']);
    const tomb = await t.db.prisma.draft.findUnique({ where: { id: 'draft-v-0001' } });
    expect(tomb?.deletedAt).toBeInstanceOf(Date);
    expect(tomb?.version).toBeGreaterThan(v2);
    // deleting again is harmless
    expect(await t.services.drafts.delete(u.id, 'draft-v-0001')).toEqual({ ok: true });
  });

  it("another user's draft id is NOT_FOUND for upsert, delete and send, and stays untouched", async () => {
    const a = await newUser(t.services);
    const b = await newUser(t.services);
    await t.services.drafts.upsert(a.id, full('draft-own-001'));
    expect(
      (await errOf(t.services.drafts.upsert(b.id, { id: 'draft-own-001', recipient: { name: 'Evil' } })))
        ?.code,
    ).toBe('NOT_FOUND');
    expect((await errOf(t.services.drafts.delete(b.id, 'draft-own-001')))?.code).toBe('NOT_FOUND');
    expect(
      (
        await errOf(
          t.services.drafts.send(b.id, {
            draftId: 'draft-own-001',
            sendId: 'evil-send-1',
            email: true,
            linkedinSent: false,
          }),
        )
      )?.code,
    ).toBe('NOT_FOUND');
    expect((await errOf(t.services.drafts.delete(b.id, 'draft-missing')))?.code).toBe('NOT_FOUND');
    expect((await t.services.drafts.list(a.id))[0]?.recipient.name).toBe('Dana');
    expect(await t.services.drafts.list(b.id)).toEqual([]);
    expect(sink.messages).toHaveLength(0);
  });

  it('send with both channels: one row with channel both, one e-mail, the draft marked sent; deleting the draft keeps history', async () => {
    const u = await newUser(t.services);
    await t.services.drafts.upsert(u.id, full('draft-both-01'));
    const row = await t.services.drafts.send(u.id, {
      draftId: 'draft-both-01',
      sendId: 'both-send-01',
      email: true,
      linkedinSent: true,
    });
    expect(row).toMatchObject({
      channel: 'both',
      status: 'sent',
      draftId: 'draft-both-01',
      recipientEmail: 'dana@corp.example',
      recipientLinkedinUrl: 'https://www.linkedin.com/in/dana/',
      emailSubject: 'Hi Dana',
      linkedinMessage: 'Hello Dana',
      jobUrl: 'https://www.linkedin.com/jobs/view/7654321/',
    });
    expect(sink.messages).toHaveLength(1);
    expect((await t.services.drafts.list(u.id))[0]?.status).toBe('sent');
    expect((await t.services.stats.get(u.id)).totals).toEqual({ all: 1, email: 0, linkedin: 0, both: 1 });

    await t.services.drafts.delete(u.id, 'draft-both-01');
    expect(await t.services.history.latest(u.id)).toEqual([row]);
    // a retry after the delete still answers with the row and sends nothing
    expect(
      await t.services.drafts.send(u.id, {
        draftId: 'draft-both-01',
        sendId: 'both-send-01',
        email: true,
        linkedinSent: true,
      }),
    ).toEqual(row);
    expect(sink.messages).toHaveLength(1);
  });

  it('send with LinkedIn only records without mail', async () => {
    const u = await newUser(t.services);
    await t.services.drafts.upsert(u.id, full('draft-li-0001'));
    const row = await t.services.drafts.send(u.id, {
      draftId: 'draft-li-0001',
      sendId: 'li-only-01',
      email: false,
      linkedinSent: true,
    });
    expect(row).toMatchObject({
      channel: 'linkedin',
      emailSubject: null,
      emailBody: null,
      linkedinMessage: 'Hello Dana',
    });
    expect(sink.messages).toHaveLength(0);
  });

  it('send refuses a draft that lacks what the chosen channel needs, with a clear message', async () => {
    const u = await newUser(t.services);
    await t.services.drafts.upsert(u.id, {
      id: 'draft-thin-01',
      recipient: { name: 'Thin' },
      emailBody: 'x',
    });
    const e1 = await errOf(
      t.services.drafts.send(u.id, {
        draftId: 'draft-thin-01',
        sendId: 'thin-send-1',
        email: true,
        linkedinSent: false,
      }),
    );
    expect(e1?.code).toBe('BAD_REQUEST');
    expect(e1?.message).toBe(
      "This draft cannot be sent yet: it is missing the recipient's e-mail address and an e-mail subject",
    );
    const e2 = await errOf(
      t.services.drafts.send(u.id, {
        draftId: 'draft-thin-01',
        sendId: 'thin-send-2',
        email: false,
        linkedinSent: true,
      }),
    );
    expect(e2?.code).toBe('BAD_REQUEST');
    expect(e2?.message).toContain('LinkedIn message');
    expect(await t.db.prisma.outreachHistory.count({ where: { userId: u.id } })).toBe(0);
  });
});
