import { describe, expect, it } from 'vitest';
import { draft, id, profileUrl } from '../support/fixtures';
import { setupTestServer } from '../support/server';
import { errorCode, failure } from '../support/trpc-errors';

const t = setupTestServer();

describe('drafts', () => {
  it('upsert creates, then updates in place; list shows the current copy', async () => {
    const input = draft({
      recipient: {
        name: 'Dana Draft',
        email: 'Dana@Globex.example.com',
        linkedinUrl: 'https://linkedin.com/in/Dana-D?trk=x',
      },
    });
    const created = await t.user.client.drafts.upsert.mutate(input);
    expect(created).toEqual({
      id: input.id,
      recipient: { name: 'Dana Draft', email: 'dana@globex.example.com', linkedinUrl: profileUrl('dana-d') },
      jobTitle: input.jobTitle,
      companyName: input.companyName,
      jobUrl: input.jobUrl,
      emailSubject: input.emailSubject,
      emailBody: input.emailBody,
      linkedinMessage: input.linkedinMessage,
      status: 'draft',
      template: null,
      templateId: null,
      updatedAt: expect.any(Date),
    });

    const updated = await t.user.client.drafts.upsert.mutate({
      ...input,
      emailSubject: 'Changed subject',
      linkedinMessage: undefined,
    });
    expect(updated).toMatchObject({
      id: input.id,
      emailSubject: 'Changed subject',
      linkedinMessage: null,
      status: 'draft',
    });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    const list = await t.user.client.drafts.list.query();
    expect(list.filter((d) => d.id === input.id)).toEqual([updated]);
  });

  it('send with both channels: one `both` row, the e-mail delivered, the draft marked sent', async () => {
    const input = draft();
    await t.user.client.drafts.upsert.mutate(input);
    const sendId = id();
    const row = await t.user.client.drafts.send.mutate({
      draftId: input.id,
      sendId,
      email: true,
      linkedinSent: true,
    });
    expect(row).toMatchObject({
      channel: 'both',
      status: 'sent',
      error: null,
      draftId: input.id,
      recipientName: input.recipient.name,
      recipientEmail: input.recipient.email,
      recipientLinkedinUrl: input.recipient.linkedinUrl,
      jobTitle: input.jobTitle,
      companyName: input.companyName,
      jobUrl: input.jobUrl,
      emailSubject: input.emailSubject,
      emailBody: input.emailBody,
      linkedinMessage: input.linkedinMessage,
    });

    const mails = t.server.smtp.to(input.recipient.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(input.emailSubject);
    expect(mails[0]!.text.trim()).toBe(input.emailBody!.trim());

    const rows = await t.user.client.history.forRecipient.query({ email: input.recipient.email! });
    expect(rows).toEqual([row]);

    const listed = (await t.user.client.drafts.list.query()).find((d) => d.id === input.id);
    expect(listed?.status).toBe('sent');

    // Retrying the same send changes nothing.
    expect(
      await t.user.client.drafts.send.mutate({ draftId: input.id, sendId, email: true, linkedinSent: true }),
    ).toEqual(row);
    expect(t.server.smtp.to(input.recipient.email!)).toHaveLength(1);
  });

  it('send with e-mail only gives an `email` row; LinkedIn only gives a `linkedin` row and no e-mail', async () => {
    const byEmail = draft();
    await t.user.client.drafts.upsert.mutate(byEmail);
    const emailRow = await t.user.client.drafts.send.mutate({
      draftId: byEmail.id,
      sendId: id(),
      email: true,
      linkedinSent: false,
    });
    expect(emailRow).toMatchObject({
      channel: 'email',
      draftId: byEmail.id,
      emailSubject: byEmail.emailSubject,
      status: 'sent',
    });
    expect(t.server.smtp.to(byEmail.recipient.email!)).toHaveLength(1);

    const byLinkedin = draft();
    await t.user.client.drafts.upsert.mutate(byLinkedin);
    const liRow = await t.user.client.drafts.send.mutate({
      draftId: byLinkedin.id,
      sendId: id(),
      email: false,
      linkedinSent: true,
    });
    expect(liRow).toMatchObject({
      channel: 'linkedin',
      draftId: byLinkedin.id,
      linkedinMessage: byLinkedin.linkedinMessage,
      status: 'sent',
    });
    expect(t.server.smtp.to(byLinkedin.recipient.email!)).toHaveLength(0);
  });

  it('history survives drafts.delete', async () => {
    const input = draft();
    await t.user.client.drafts.upsert.mutate(input);
    const row = await t.user.client.drafts.send.mutate({
      draftId: input.id,
      sendId: id(),
      email: true,
      linkedinSent: true,
    });

    expect(await t.user.client.drafts.delete.mutate({ id: input.id })).toEqual({ ok: true });
    expect((await t.user.client.drafts.list.query()).some((d) => d.id === input.id)).toBe(false);

    const after = await t.user.client.history.forRecipient.query({
      linkedinUrl: input.recipient.linkedinUrl!,
    });
    expect(after).toEqual([row]);
    const page = await t.user.client.history.list.query({ query: input.recipient.email! });
    expect(page.items).toEqual([row]);
  });

  it('refuses to send an e-mail for a draft without an address, recording nothing', async () => {
    const input = draft({ recipient: { name: 'No Mail', linkedinUrl: profileUrl() } });
    await t.user.client.drafts.upsert.mutate(input);
    const err = await failure(
      t.user.client.drafts.send.mutate({ draftId: input.id, sendId: id(), email: true, linkedinSent: false }),
    );
    expect(['BAD_REQUEST', 'PRECONDITION_FAILED']).toContain(err.code);
    expect(
      await t.user.client.history.forRecipient.query({ linkedinUrl: input.recipient.linkedinUrl! }),
    ).toEqual([]);
    expect((await t.user.client.drafts.list.query()).find((d) => d.id === input.id)?.status).toBe('draft');
  });

  it('answers NOT_FOUND for unknown draft ids', async () => {
    expect(
      await errorCode(
        t.user.client.drafts.send.mutate({ draftId: id(), sendId: id(), email: false, linkedinSent: true }),
      ),
    ).toBe('NOT_FOUND');
    expect(await errorCode(t.user.client.drafts.delete.mutate({ id: id() }))).toBe('NOT_FOUND');
  });
});
