import { describe, expect, it } from 'vitest';
import { emailSend, profileUrl } from '../support/fixtures';
import { TEST_SMTP_FROM, setupTestServer } from '../support/server';

const t = setupTestServer({ user: { name: 'Sam Seeker' } });

describe('outreach.sendEmail', () => {
  it('delivers exactly that message over SMTP and records one sent row', async () => {
    const input = emailSend({
      recipient: {
        name: 'Rita Recruiter',
        email: 'Rita.Recruiter@Acme.example.com',
        linkedinUrl: 'https://linkedin.com/in/Rita-Recruiter?trk=x',
      },
      subject: 'Backend role — quick question',
      body: 'Hi Rita,\n\nIs the backend role still open? Ünïcödé ✓\n\nSam',
    });
    const before = Date.now();
    const row = await t.user.client.outreach.sendEmail.mutate(input);

    const mails = t.server.smtp.to('rita.recruiter@acme.example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.envelope.to).toEqual(['rita.recruiter@acme.example.com']);
    expect(mail.to).toEqual(['rita.recruiter@acme.example.com']);
    expect(mail.subject).toBe('Backend role — quick question');
    expect(mail.text.trim()).toBe(input.body.trim());
    // Through the server-wide relay: from the relay's sender (SMTP_FROM) with the user's name;
    // replies go to the user's own address.
    expect(mail.envelope.from).toBe(TEST_SMTP_FROM);
    expect(mail.from).toEqual([TEST_SMTP_FROM]);
    expect(mail.fromName).toBe('Sam Seeker');
    expect(mail.raw).toMatch(new RegExp(`^Reply-To: Sam Seeker <${t.user.email}>`, 'mi'));
    // The relay's credentials from SMTP_URL were used.
    expect(mail.authUser).toBe('relay');

    expect(row).toEqual({
      id: expect.any(Number),
      recipientName: 'Rita Recruiter',
      recipientEmail: 'rita.recruiter@acme.example.com',
      recipientLinkedinUrl: profileUrl('rita-recruiter'),
      jobTitle: input.jobTitle,
      companyName: input.companyName,
      jobUrl: input.jobUrl,
      channel: 'email',
      emailSubject: 'Backend role — quick question',
      emailBody: input.body,
      linkedinMessage: null,
      status: 'sent',
      error: null,
      sentAt: expect.any(Date),
      createdAt: expect.any(Date),
      draftId: null,
      repliedAt: null,
      followUpOf: null,
      template: null,
      templateId: null,
    });
    expect(row.sentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.sentAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    const latest = await t.user.client.history.latest.query();
    expect(latest[0]).toEqual(row);
  });

  it('stores absent optional fields as null', async () => {
    const row = await t.user.client.outreach.sendEmail.mutate({
      sendId: crypto.randomUUID(),
      recipient: { name: 'No Job', email: 'nojob@acme.example.com' },
      subject: 'Hello',
      body: 'Just saying hello.',
    });
    expect(row).toMatchObject({
      jobTitle: null,
      companyName: null,
      jobUrl: null,
      recipientLinkedinUrl: null,
      draftId: null,
      channel: 'email',
      status: 'sent',
    });
    expect(t.server.smtp.to('nojob@acme.example.com')).toHaveLength(1);
  });

  it('sends a body of 100,000 characters intact', async () => {
    const body = 'x'.repeat(99_990) + '\nend.';
    const input = emailSend({ body: body.slice(0, 100_000) });
    const row = await t.user.client.outreach.sendEmail.mutate(input);
    expect(row.emailBody).toBe(input.body);
    const mail = t.server.smtp.to(input.recipient.email)[0]!;
    expect(mail.text.replace(/\r?\n/g, '\n').trim()).toBe(input.body.trim());
  });
});
