import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import { AppError } from '../errors';

let t: TempServices;
beforeAll(async () => {
  t = await tempServices();
}, 60_000);
afterAll(async () => {
  await t.close();
}, 60_000);

const T0 = new Date('2026-03-01T12:00:00.000Z');

/** Inserts history rows directly (sent unless told), all sharing few sent_at values. */
async function seed(
  userId: string,
  n: number,
  at: (i: number) => Date,
  extra: (i: number) => Record<string, unknown> = () => ({}),
) {
  await t.db.prisma.outreachHistory.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      userId,
      sendId: `seed-${userId.slice(0, 6)}-${i}`,
      recipientName: `Person ${i}`,
      recipientEmail: `p${i}@corp.example`,
      channel: 'email',
      status: 'sent',
      sentAt: at(i),
      ...extra(i),
    })),
  });
}

describe('history', { timeout: 60_000 }, () => {
  it('list pages through rows sharing one sent_at without gaps or repeats', async () => {
    const u = await newUser(t.services);
    await seed(u.id, 57, (i) => new Date(T0.getTime() + Math.floor(i / 20) * 1000));
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof t.services.history.list>> = await t.services.history.list(u.id, {
        limit: 10,
        cursor,
      });
      seen.push(...page.items.map((r) => r.id));
      for (let i = 1; i < page.items.length; i++) {
        const [a, b] = [page.items[i - 1]!, page.items[i]!];
        expect(
          a.sentAt.getTime() > b.sentAt.getTime() ||
            (a.sentAt.getTime() === b.sentAt.getTime() && a.id > b.id),
        ).toBe(true);
      }
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toHaveLength(57);
    expect(new Set(seen).size).toBe(57);
  });

  it('latest is newest first (sent_at, then id), default 20, hides pending rows, and is per user', async () => {
    const u = await newUser(t.services);
    const other = await newUser(t.services);
    await seed(u.id, 25, (i) => new Date(T0.getTime() + (i % 5) * 1000));
    await seed(other.id, 3, () => new Date(T0.getTime() + 99_000));
    await t.db.prisma.outreachHistory.create({
      data: {
        userId: u.id,
        sendId: 'pending-1',
        recipientName: 'P',
        channel: 'email',
        status: 'pending',
        sentAt: new Date(T0.getTime() + 50_000),
        claimedAt: new Date(),
      },
    });
    const rows = await t.services.history.latest(u.id);
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows[0]?.sentAt.getTime()).toBe(T0.getTime() + 4000);
    const ids = rows.filter((r) => r.sentAt.getTime() === T0.getTime() + 4000).map((r) => r.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await t.services.history.latest(u.id, 3)).length).toBe(3);
  });

  it('list filters: query (case-insensitive over name, e-mail, company, title), channel, from/to', async () => {
    const u = await newUser(t.services);
    await seed(
      u.id,
      6,
      (i) => new Date(T0.getTime() + i * 86_400_000),
      (i) => ({
        channel: i % 2 ? 'linkedin' : 'email',
        companyName: i === 1 ? 'ACME Rockets' : 'Other',
        jobTitle: i === 2 ? 'Staff Rocket Scientist' : 'Dev',
        recipientName: i === 3 ? 'Rocky Balboa' : `Person ${i}`,
        recipientEmail: i === 4 ? 'boss@rocketmail.example' : `p${i}@corp.example`,
      }),
    );
    const q = await t.services.history.list(u.id, { limit: 50, query: 'rOcK' });
    expect(q.items.map((r) => r.recipientName).sort()).toEqual([
      'Person 1',
      'Person 2',
      'Person 4',
      'Rocky Balboa',
    ]);
    const li = await t.services.history.list(u.id, { limit: 50, channel: 'linkedin' });
    expect(li.items).toHaveLength(3);
    const range = await t.services.history.list(u.id, {
      limit: 50,
      from: new Date(T0.getTime() + 86_400_000),
      to: new Date(T0.getTime() + 3 * 86_400_000),
    });
    expect(range.items.map((r) => r.recipientName)).toEqual(['Rocky Balboa', 'Person 2', 'Person 1']);
    expect(range.nextCursor).toBeNull();
  });

  it('list treats %, _ and \\ in the query as plain characters', async () => {
    const u = await newUser(t.services);
    await seed(
      u.id,
      4,
      (i) => new Date(T0.getTime() + i * 1000),
      (i) => ({
        companyName: ['Save 50% Corp', 'snake_case Ltd', 'Back\\slash Inc', 'Plain'][i],
      }),
    );
    const names = async (query: string) =>
      (await t.services.history.list(u.id, { limit: 50, query })).items.map((r) => r.companyName);
    expect(await names('%')).toEqual(['Save 50% Corp']);
    expect(await names('50%')).toEqual(['Save 50% Corp']);
    expect(await names('E_C')).toEqual(['snake_case Ltd']);
    expect(await names('_')).toEqual(['snake_case Ltd']);
    expect(await names('k\\s')).toEqual(['Back\\slash Inc']);
    expect(await names('%%')).toEqual([]);
  });

  it('a literal (%/_) query has no match cap: filters, cursor and pages apply to all matches', async () => {
    const u = await newUser(t.services);
    const N = 10_050;
    // Newest rows first in time order: the 50 oldest are past the first 10 000 matches.
    await seed(
      u.id,
      N,
      (i) => new Date(T0.getTime() + i * 1000),
      (i) => ({ companyName: `Save 50% Corp ${i}`, channel: i % 2 ? 'linkedin' : 'email' }),
    );
    const oldest = await t.services.history.list(u.id, {
      limit: 200,
      query: '50%',
      to: new Date(T0.getTime() + 49 * 1000),
    });
    expect(oldest.items.map((r) => r.companyName)).toEqual(
      Array.from({ length: 50 }, (_, k) => `Save 50% Corp ${49 - k}`),
    );
    expect(oldest.nextCursor).toBeNull();

    // Paging with a channel filter over a window that crosses the old cap reaches every match once.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = await t.services.history.list(u.id, {
        limit: 37,
        query: '_',
        channel: 'email',
        to: new Date(T0.getTime() + 199 * 1000),
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...p.items.map((r) => r.companyName ?? ''));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    // '_' is literal: nothing here has an underscore.
    expect(seen).toEqual([]);
    const emails: string[] = [];
    cursor = undefined;
    do {
      const p = await t.services.history.list(u.id, {
        limit: 37,
        query: '0%',
        channel: 'email',
        to: new Date(T0.getTime() + 199 * 1000),
        ...(cursor ? { cursor } : {}),
      });
      emails.push(...p.items.map((r) => r.companyName ?? ''));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(emails).toEqual(Array.from({ length: 100 }, (_, k) => `Save 50% Corp ${198 - 2 * k}`));
  });

  it('a forged cursor is a BAD_REQUEST', async () => {
    const u = await newUser(t.services);
    await expect(t.services.history.list(u.id, { limit: 5, cursor: 'garbage!!' })).rejects.toBeInstanceOf(
      AppError,
    );
  });

  it('forRecipient matches LinkedIn URL, e-mail or job URL, newest first, failed included, only own rows', async () => {
    const u = await newUser(t.services);
    const other = await newUser(t.services);
    const url = 'https://www.linkedin.com/in/kim/';
    const job = 'https://www.linkedin.com/jobs/view/5550001/';
    await seed(
      u.id,
      5,
      (i) => new Date(T0.getTime() + i * 1000),
      (i) => ({
        recipientLinkedinUrl: i === 0 ? url : null,
        recipientEmail: i === 1 ? 'kim@corp.example' : `x${i}@corp.example`,
        jobUrl: i === 2 ? job : null,
        status: i === 1 ? 'failed' : 'sent',
      }),
    );
    await seed(
      other.id,
      1,
      () => T0,
      () => ({ recipientLinkedinUrl: url }),
    );
    const rows = await t.services.history.forRecipient(u.id, {
      linkedinUrl: url,
      email: 'kim@corp.example',
      jobUrl: job,
    });
    expect(rows.map((r) => r.recipientName)).toEqual(['Person 2', 'Person 1', 'Person 0']);
    expect(rows[1]?.status).toBe('failed');
    expect(await t.services.history.forRecipient(u.id, { jobUrl: job })).toHaveLength(1);
    expect(await t.services.history.forRecipient(u.id, { email: 'nobody@corp.example' })).toEqual([]);
  });
});
