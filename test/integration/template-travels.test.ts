// The template a message was written from travels with it: from the draft (synced or the API's)
// through every send route to the history row, and to another browser by sync.pull.
import { expect, it } from 'vitest';
import { draft, emailSend, id, linkedinSend } from '../support/fixtures';
import { setupTestServer } from '../support/server';
import { failure } from '../support/trpc-errors';

const t = setupTestServer();
const INTRO = { template: 'Introduction e-mail', templateId: 'default-email' };
const NOTE = { template: 'Connection note', templateId: 'default-linkedin-note' };

it('every send route records the template; a send without one records none', async () => {
  const byEmail = await t.user.client.outreach.sendEmail.mutate(emailSend(INTRO));
  expect(byEmail).toMatchObject(INTRO);
  const byLinkedIn = await t.user.client.outreach.recordLinkedIn.mutate(linkedinSend(NOTE));
  expect(byLinkedIn).toMatchObject(NOTE);
  const plain = await t.user.client.outreach.recordLinkedIn.mutate(linkedinSend());
  expect(plain).toMatchObject({ template: null, templateId: null });

  // drafts.send without content: the server's copy of the draft, as drafts.upsert left it
  const d = await t.user.client.drafts.upsert.mutate(draft(INTRO));
  expect(d).toMatchObject(INTRO);
  const both = await t.user.client.drafts.send.mutate({
    draftId: d.id,
    sendId: id(),
    email: true,
    linkedinSent: true,
  });
  expect(both).toMatchObject({ channel: 'both', ...INTRO });

  // drafts.send with the browser's content: the template as that browser shows it
  const d2 = await t.user.client.drafts.upsert.mutate(draft());
  const shown = {
    recipientName: 'Dana Draft',
    recipientEmail: 'dana@globex.example.com',
    recipientLinkedinUrl: null,
    jobTitle: null,
    companyName: null,
    jobUrl: null,
    emailSubject: 'Hello Dana',
    emailBody: 'Hi Dana',
    linkedinMessage: null,
    ...NOTE,
  };
  const fromContent = await t.user.client.drafts.send.mutate({
    draftId: d2.id,
    sendId: id(),
    email: true,
    linkedinSent: false,
    content: shown,
  });
  expect(fromContent).toMatchObject({ channel: 'email', ...NOTE });

  const list = await t.user.client.history.list.query({ limit: 10 });
  expect(list.items.map((r) => r.template).sort()).toEqual(
    ['Connection note', 'Connection note', 'Introduction e-mail', 'Introduction e-mail', null].sort(),
  );
});

it('a draft synced from one browser brings its template to another, and so does the sent row', async () => {
  const draftId = id();
  const fields = {
    recipientName: 'Rita Recruiter',
    recipientEmail: 'rita@acme.example.com',
    emailSubject: 'About the role',
    emailBody: 'Hi Rita',
    ...INTRO,
  };
  const push = await t.user.client.sync.push.mutate({
    clientId: 'browser-a-tmpl',
    mutations: [{ id: 1, name: 'draft.put', args: { id: draftId, baseVersion: 0, fields } }],
  });
  expect(push.rejected).toEqual([]);
  const sent = await t.user.client.drafts.send.mutate({
    draftId,
    sendId: id(),
    email: true,
    linkedinSent: false,
  });
  expect(sent).toMatchObject(INTRO);

  const pull = await t.user.client.sync.pull.query({ clientId: 'browser-b-tmpl', cookie: null });
  expect(pull.drafts.find((x) => x.id === draftId)).toMatchObject(INTRO);
  expect(pull.history.find((h) => h.id === sent.id)).toMatchObject({ ...INTRO, channel: 'email' });

  // another browser picks another template for the draft later: the later one wins, no kept copy
  const again = await t.user.client.sync.push.mutate({
    clientId: 'browser-b-tmpl',
    mutations: [{ id: 1, name: 'draft.put', args: { id: draftId, baseVersion: 0, fields: NOTE } }],
  });
  expect(again.rejected).toEqual([]);
  const after = await t.user.client.sync.pull.query({ clientId: 'browser-c-tmpl', cookie: null });
  expect(after.drafts.find((x) => x.id === draftId)).toMatchObject({ ...NOTE, conflicts: [] });
});

it('a template name or id past its limit is refused with the field named, nothing recorded', async () => {
  const before = await t.user.client.history.list.query({ limit: 200 });
  const refused = await failure(
    t.user.client.outreach.recordLinkedIn.mutate(linkedinSend({ template: 'x'.repeat(201) })),
  );
  expect(refused.code).toBe('BAD_REQUEST');
  expect(refused.message).toMatch(/template/);
  const after = await t.user.client.history.list.query({ limit: 200 });
  expect(after.items).toHaveLength(before.items.length);
});
