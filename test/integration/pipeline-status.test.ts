// A person's pipeline status set by hand travels with the contact (sync item) to every browser;
// a status the schema does not know is refused, nothing else lost.
import { expect, it } from 'vitest';
import { draft, emailSend, id, linkedinSend } from '../support/fixtures';
import { setupTestServer } from '../support/server';
import { failure } from '../support/trpc-errors';

const t = setupTestServer();

const contact = {
  name: 'Rita Recruiter',
  linkedinUrl: 'https://www.linkedin.com/in/rita/',
  headline: null,
  title: null,
  company: null,
  email: null,
  location: null,
  jobs: [],
  firstSeenAt: 1,
  lastSeenAt: 1,
};

it('a status set in one browser is pulled by another; an unknown status is rejected', async () => {
  const id = contact.linkedinUrl;
  const push = await t.user.client.sync.push.mutate({
    clientId: 'browser-a',
    mutations: [
      { id: 1, name: 'item.put', args: { kind: 'contact', id, patch: contact } },
      {
        id: 2,
        name: 'item.put',
        args: { kind: 'contact', id, patch: { status: 'interviewing', statusSetAt: 5 } },
      },
      { id: 3, name: 'item.put', args: { kind: 'contact', id, patch: { status: 'ghosted' } } },
    ],
  });
  expect(push.lastMutationId).toBe(3);
  expect(push.rejected.map((r) => r.id)).toEqual([3]);
  const pull = await t.user.client.sync.pull.query({ clientId: 'browser-b', cookie: null });
  const item = pull.items.find((i) => i.kind === 'contact' && i.id === id);
  expect(item?.data).toMatchObject({ name: 'Rita Recruiter', status: 'interviewing', statusSetAt: 5 });
});

it("a follow-up is linked to the user's first send, on every send route; another user's row is refused", async () => {
  const first = await t.user.client.outreach.recordLinkedIn.mutate(linkedinSend());
  const byEmail = await t.user.client.outreach.sendEmail.mutate(emailSend({ followUpOf: first.id }));
  expect(byEmail.followUpOf).toBe(first.id);
  const byLinkedIn = await t.user.client.outreach.recordLinkedIn.mutate(
    linkedinSend({ followUpOf: first.id }),
  );
  expect(byLinkedIn.followUpOf).toBe(first.id);
  const d = await t.user.client.drafts.upsert.mutate(draft());
  const byDraft = await t.user.client.drafts.send.mutate({
    draftId: d.id,
    sendId: id(),
    email: true,
    linkedinSent: false,
    followUpOf: first.id,
  });
  expect(byDraft.followUpOf).toBe(first.id);
  expect(first.followUpOf).toBeNull();

  const other = await t.server.signUpUser();
  const refused = await failure(
    other.client.outreach.recordLinkedIn.mutate(linkedinSend({ followUpOf: first.id })),
  );
  expect(refused.code).toBe('NOT_FOUND');
});
