import { describe, expect, it } from 'vitest';
import { linkedinSend, profileUrl } from '../support/fixtures';
import { setupTestServer } from '../support/server';

const t = setupTestServer();

describe('outreach.recordLinkedIn', () => {
  it('records the LinkedIn message as one sent row with the canonical profile and job URLs, sending no e-mail', async () => {
    const input = linkedinSend({
      recipient: {
        name: 'Lena LinkedIn',
        linkedinUrl: 'https://de.linkedin.com/in/Lena-LinkedIn/details/experience/?trk=abc#x',
      },
      jobUrl: 'https://www.linkedin.com/jobs/search/?currentJobId=4012345678&keywords=platform',
      message: 'Hi Lena, could we talk about the platform role?',
    });
    const row = await t.user.client.outreach.recordLinkedIn.mutate(input);
    expect(row).toEqual({
      id: expect.any(Number),
      recipientName: 'Lena LinkedIn',
      recipientEmail: null,
      recipientLinkedinUrl: profileUrl('lena-linkedin'),
      jobTitle: input.jobTitle,
      companyName: input.companyName,
      jobUrl: 'https://www.linkedin.com/jobs/view/4012345678/',
      channel: 'linkedin',
      emailSubject: null,
      emailBody: null,
      linkedinMessage: 'Hi Lena, could we talk about the platform role?',
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
    expect(t.server.smtp.messages).toHaveLength(0);
    expect((await t.user.client.history.latest.query())[0]).toEqual(row);
  });

  it('records the same sendId once', async () => {
    const input = linkedinSend();
    const first = await t.user.client.outreach.recordLinkedIn.mutate(input);
    const again = await t.user.client.outreach.recordLinkedIn.mutate(input);
    expect(again).toEqual(first);
    const found = await t.user.client.history.forRecipient.query({
      linkedinUrl: input.recipient.linkedinUrl,
    });
    expect(found.map((r) => r.id)).toEqual([first.id]);
  });
});
