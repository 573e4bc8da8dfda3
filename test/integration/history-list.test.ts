import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atTime, draft, emailSend, id, linkedinSend, profileUrl } from '../support/fixtures';
import { startTestServer, type Client, type TestServer, type TestUser } from '../support/server';
import type { THistoryListInput, THistoryRow } from '../../shared/schemas/history';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function allPages(
  client: Client,
  input: NonNullable<THistoryListInput>,
): Promise<{ rows: THistoryRow[]; pages: number }> {
  const rows: THistoryRow[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: THistoryRow[]; nextCursor: string | null } = await client.history.list.query({
      ...input,
      cursor,
    });
    pages++;
    expect(page.items.length).toBeLessThanOrEqual(input.limit ?? 50);
    rows.push(...page.items);
    cursor = page.nextCursor;
    if (pages > 100) throw new Error('pagination does not end');
  } while (cursor);
  return { rows, pages };
}

describe('history.list pagination', () => {
  let user: TestUser;
  const created: THistoryRow[] = [];
  const sameInstant = new Date(Date.now() - 3 * 60 * 60 * 1000);

  beforeAll(async () => {
    user = await server.signUpUser();
    const c = user.client.outreach;
    for (let i = 0; i < 8; i++)
      created.push(
        await c.recordLinkedIn.mutate(
          linkedinSend({ recipient: { name: `Early ${i}`, linkedinUrl: profileUrl() } }),
        ),
      );
    // 13 rows with exactly the same sentAt: a cursor on sentAt alone would skip or repeat some.
    await atTime(sameInstant, async () => {
      for (let i = 0; i < 13; i++)
        created.push(
          await c.recordLinkedIn.mutate(
            linkedinSend({ recipient: { name: `Same ${i}`, linkedinUrl: profileUrl() } }),
          ),
        );
    });
    for (let i = 0; i < 9; i++)
      created.push(
        await c.sendEmail.mutate(
          emailSend({ recipient: { name: `Late ${i}`, email: `late-${i}-${id().slice(0, 6)}@example.com` } }),
        ),
      );
  });

  it('the equal-timestamp rows really share one sentAt', () => {
    const same = created.filter((r) => r.recipientName.startsWith('Same '));
    expect(new Set(same.map((r) => r.sentAt.getTime()))).toEqual(new Set([sameInstant.getTime()]));
  });

  for (const limit of [1, 4, 7, 13, 50]) {
    it(`pages of ${limit}: every row exactly once, newest first, no gaps`, async () => {
      const { rows, pages } = await allPages(user.client, { limit });
      expect(pages).toBe(Math.max(1, Math.ceil(created.length / limit)));
      expect(rows.map((r) => r.id)).toHaveLength(new Set(rows.map((r) => r.id)).size);
      expect(new Set(rows.map((r) => r.id))).toEqual(new Set(created.map((r) => r.id)));
      for (let i = 1; i < rows.length; i++)
        expect(rows[i - 1]!.sentAt.getTime()).toBeGreaterThanOrEqual(rows[i]!.sentAt.getTime());
      // Same order as latest() (which the side panel shows first).
      expect(rows.slice(0, 20)).toEqual(await user.client.history.latest.query());
    });
  }

  it('a page between equal timestamps continues where the last one stopped', async () => {
    const first = await user.client.history.list.query({ limit: 14 });
    const second = await user.client.history.list.query({ limit: 14, cursor: first.nextCursor });
    const firstIds = new Set(first.items.map((r) => r.id));
    expect(second.items.some((r) => firstIds.has(r.id))).toBe(false);
    expect(first.items.length + second.items.length).toBe(28);
  });

  it('ends with nextCursor null, and an empty history gives one empty page', async () => {
    const last = await user.client.history.list.query({ limit: 100 });
    expect(last.items).toHaveLength(created.length);
    expect(last.nextCursor).toBeNull();
    const empty = await server.signUpUser();
    expect(await empty.client.history.list.query({})).toEqual({ items: [], nextCursor: null });
  });

  it('rejects a forged cursor with BAD_REQUEST rather than failing inside', async () => {
    await expect(user.client.history.list.query({ cursor: 'not-a-cursor!!' })).rejects.toMatchObject({
      data: { code: 'BAD_REQUEST' },
    });
  });
});

describe('history.list filters', () => {
  let user: TestUser;
  const rows: Record<string, THistoryRow> = {};
  const jan = new Date('2026-01-15T12:00:00Z');
  const feb = new Date('2026-02-15T12:00:00Z');
  const mar = new Date('2026-03-15T12:00:00Z');

  beforeAll(async () => {
    user = await server.signUpUser();
    const c = user.client;
    rows.zephyr = await atTime(jan, () =>
      c.outreach.sendEmail.mutate(
        emailSend({
          recipient: { name: 'Alice Zephyr', email: 'alice@zeta.example.com' },
          companyName: 'Umbrella',
          jobTitle: 'Data Scientist',
        }),
      ),
    );
    rows.globex = await atTime(feb, () =>
      c.outreach.recordLinkedIn.mutate(
        linkedinSend({
          recipient: { name: 'Bob Stone', linkedinUrl: profileUrl() },
          companyName: 'Globex Corporation',
          jobTitle: 'Frontend Developer',
        }),
      ),
    );
    const d = draft({
      recipient: { name: 'Carol Jones', email: 'carol@hooli.example.com', linkedinUrl: profileUrl() },
      companyName: 'Hooli',
      jobTitle: 'Staff Engineer',
    });
    await c.drafts.upsert.mutate(d);
    rows.staff = await atTime(mar, () =>
      c.drafts.send.mutate({ draftId: d.id, sendId: id(), email: true, linkedinSent: true }),
    );
  });

  const list = (input: NonNullable<THistoryListInput>) =>
    user.client.history.list.query(input).then((p) => p.items.map((r) => r.id));

  it('searches recipient name, company and job title, case-insensitively and by substring', async () => {
    expect(await list({ query: 'zephyr' })).toEqual([rows.zephyr!.id]);
    expect(await list({ query: 'ALICE z' })).toEqual([rows.zephyr!.id]);
    expect(await list({ query: 'globex' })).toEqual([rows.globex!.id]);
    expect(await list({ query: 'GLOBEX corp' })).toEqual([rows.globex!.id]);
    expect(await list({ query: 'staff eng' })).toEqual([rows.staff!.id]);
    expect(await list({ query: 'developer' })).toEqual([rows.globex!.id]);
    expect(await list({ query: 'no such thing' })).toEqual([]);
  });

  it('treats % and _ in the query as plain characters', async () => {
    expect(await list({ query: '%' })).toEqual([]);
    expect(await list({ query: '_' })).toEqual([]);
  });

  it('filters by channel', async () => {
    expect(await list({ channel: 'email' })).toEqual([rows.zephyr!.id]);
    expect(await list({ channel: 'linkedin' })).toEqual([rows.globex!.id]);
    expect(await list({ channel: 'both' })).toEqual([rows.staff!.id]);
  });

  it('filters by date range', async () => {
    expect(
      await list({ from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-28T23:59:59Z') }),
    ).toEqual([rows.globex!.id]);
    expect(await list({ from: new Date('2026-02-01T00:00:00Z') })).toEqual([rows.staff!.id, rows.globex!.id]);
    expect(await list({ to: new Date('2026-02-01T00:00:00Z') })).toEqual([rows.zephyr!.id]);
    expect(await list({ from: new Date('2026-04-01T00:00:00Z') })).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await list({ query: 'o', channel: 'linkedin', from: new Date('2026-02-01T00:00:00Z') })).toEqual([
      rows.globex!.id,
    ]);
    expect(await list({ query: 'zephyr', channel: 'linkedin' })).toEqual([]);
  });
});
