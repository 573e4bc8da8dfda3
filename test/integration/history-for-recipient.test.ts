import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailSend, jobUrl, linkedinSend, profileUrl } from '../support/fixtures';
import { startTestServer, type TestServer, type TestUser } from '../support/server';
import type { THistoryRow } from '../../shared/schemas/history';

let server: TestServer;
let user: TestUser;
const jane = profileUrl('jane-doe-42');
const janeEmail = 'jane.doe@initech.example.com';
const job = jobUrl('3901234567');
let rows: Record<string, THistoryRow>;

beforeAll(async () => {
  server = await startTestServer();
  user = await server.signUpUser();
  const c = user.client.outreach;
  // In order, so "newest first" is well defined.
  rows = {};
  rows.liJane = await c.recordLinkedIn.mutate(
    linkedinSend({ recipient: { name: 'Jane Doe', linkedinUrl: jane } }),
  );
  rows.mailJane = await c.sendEmail.mutate(emailSend({ recipient: { name: 'Jane Doe', email: janeEmail } }));
  rows.aboutJob = await c.recordLinkedIn.mutate(
    linkedinSend({ recipient: { name: 'Other Person', linkedinUrl: profileUrl() }, jobUrl: job }),
  );
  rows.mailJaneWithProfile = await c.sendEmail.mutate(
    emailSend({ recipient: { name: 'Jane Doe', email: janeEmail, linkedinUrl: jane }, jobUrl: job }),
  );
  rows.unrelated = await c.recordLinkedIn.mutate(linkedinSend());
});
afterAll(async () => {
  await server?.close();
});

const ids = (list: THistoryRow[]) => list.map((r) => r.id);

describe('history.forRecipient', () => {
  it('finds earlier sends by LinkedIn URL, newest first', async () => {
    const found = await user.client.history.forRecipient.query({ linkedinUrl: jane });
    expect(ids(found)).toEqual([rows.mailJaneWithProfile!.id, rows.liJane!.id]);
    expect(found[0]).toEqual(rows.mailJaneWithProfile);
  });

  it('matches non-canonical forms of the LinkedIn URL', async () => {
    for (const variant of [
      'https://linkedin.com/in/Jane-Doe-42',
      'https://www.linkedin.com/in/jane-doe-42/overlay/contact-info/?trk=profile',
      'https://fr.linkedin.com/in/JANE-DOE-42/#top',
      'http://www.linkedin.com/in/jane-doe-42',
    ]) {
      const found = await user.client.history.forRecipient.query({ linkedinUrl: variant });
      expect(ids(found), variant).toEqual([rows.mailJaneWithProfile!.id, rows.liJane!.id]);
    }
  });

  it('finds earlier sends by e-mail, case-insensitively', async () => {
    const found = await user.client.history.forRecipient.query({ email: 'Jane.Doe@INITECH.example.com' });
    expect(ids(found)).toEqual([rows.mailJaneWithProfile!.id, rows.mailJane!.id]);
  });

  it('finds earlier sends about a job, given as a view URL or a list URL', async () => {
    for (const variant of [
      job,
      'https://www.linkedin.com/jobs/search/?currentJobId=3901234567&origin=x',
      'https://www.linkedin.com/jobs/view/senior-engineer-at-initech-3901234567/',
    ]) {
      const found = await user.client.history.forRecipient.query({ jobUrl: variant });
      expect(ids(found), variant).toEqual([rows.mailJaneWithProfile!.id, rows.aboutJob!.id]);
    }
  });

  it('combines the criteria (any of them matches), each row once, newest first', async () => {
    const found = await user.client.history.forRecipient.query({
      linkedinUrl: jane,
      email: janeEmail,
      jobUrl: job,
    });
    expect(ids(found)).toEqual([
      rows.mailJaneWithProfile!.id,
      rows.aboutJob!.id,
      rows.mailJane!.id,
      rows.liJane!.id,
    ]);
  });

  it('returns an empty list for someone never contacted', async () => {
    expect(
      await user.client.history.forRecipient.query({ linkedinUrl: profileUrl('never-contacted') }),
    ).toEqual([]);
    expect(await user.client.history.forRecipient.query({ email: 'never@example.com' })).toEqual([]);
    expect(await user.client.history.forRecipient.query({ jobUrl: jobUrl('1111111111') })).toEqual([]);
  });
});
