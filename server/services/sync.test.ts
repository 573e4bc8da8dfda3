// The sync protocol's server side, on SQLite here and on PostgreSQL in the server-pg project:
// push (exactly once, gaps, concurrent edits), pull (since a cookie, pages, first sync),
// tombstones and their compaction, history versions, isolation between users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TPullResult, TPushInput } from '../../shared/schemas/sync';
import type { AppError } from '../errors';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';
import { createSyncPull } from './sync-pull';
import { createSyncPush } from './sync-push';

let t: TempServices;
beforeAll(async () => {
  t = await tempServices();
}, 60_000);
afterAll(async () => {
  await t.close();
}, 60_000);

const errOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

let n = 0;
const clientId = () => `client-${++n}-${Date.now()}`;
const draftId = () => `draft-${++n}-${Date.now()}`;

type M = TPushInput['mutations'][number];
const put = (id: number, draft: string, baseVersion: number, fields: Record<string, unknown>): M => ({
  id,
  name: 'draft.put',
  args: { id: draft, baseVersion, fields },
});

/** Pulls every page from `cookie` on; the merged result and the final cookie. */
async function pullAll(userId: string, client: string, cookie: string | null, limit = 500) {
  const pages: TPullResult[] = [];
  let c = cookie;
  for (let i = 0; i < 1000; i++) {
    const page = await t.services.sync.pull(userId, { clientId: client, cookie: c, limit });
    pages.push(page);
    c = page.cookie;
    if (!page.more) break;
  }
  const drafts = new Map<string, TPullResult['drafts'][number]>();
  const history = new Map<number, TPullResult['history'][number]>();
  const items = new Map<string, TPullResult['items'][number]>();
  for (const p of pages) {
    for (const d of p.drafts) drafts.set(d.id, d);
    for (const h of p.history) history.set(h.id, h);
    for (const it of p.items) items.set(`${it.kind}:${it.id}`, it);
  }
  return { pages, cookie: c!, drafts, history, items, last: pages[pages.length - 1]! };
}

describe('sync.push', { timeout: 60_000 }, () => {
  it('applies each mutation exactly once: a replayed batch changes nothing', async () => {
    const u = await newUser(t.services);
    const c = clientId();
    const d = draftId();
    const batch: TPushInput = {
      clientId: c,
      mutations: [
        put(1, d, 0, { recipientName: 'Dana', emailBody: 'one' }),
        put(2, d, 0, { emailBody: 'one two' }),
      ],
    };
    expect(await t.services.sync.push(u.id, batch)).toEqual({ lastMutationId: 2, rejected: [] });
    const row = await t.db.prisma.draft.findUniqueOrThrow({ where: { id: d } });
    expect(row.emailBody).toBe('one two');
    // the answer was lost; the client sends the same batch plus a new one
    expect(
      await t.services.sync.push(u.id, {
        clientId: c,
        mutations: [...batch.mutations, put(3, d, 0, { emailSubject: 'Hello' })],
      }),
    ).toEqual({ lastMutationId: 3, rejected: [] });
    const again = await t.db.prisma.draft.findUniqueOrThrow({ where: { id: d } });
    expect(again).toMatchObject({ emailBody: 'one two', emailSubject: 'Hello' });
    expect(again.version).toBe(row.version + 1);
    // and a pure replay is a no-op
    await t.services.sync.push(u.id, batch);
    expect((await t.db.prisma.draft.findUniqueOrThrow({ where: { id: d } })).version).toBe(again.version);
  });

  it('refuses a gap in the mutation ids; the client pulls, learns the last applied id and resumes', async () => {
    const u = await newUser(t.services);
    const c = clientId();
    const d = draftId();
    await t.services.sync.push(u.id, { clientId: c, mutations: [put(1, d, 0, { recipientName: 'A' })] });
    const gap = await errOf(
      t.services.sync.push(u.id, { clientId: c, mutations: [put(3, d, 0, { emailBody: 'lost?' })] }),
    );
    expect(gap?.code).toBe('CONFLICT');
    expect((await t.db.prisma.draft.findUniqueOrThrow({ where: { id: d } })).emailBody).toBeNull();
    const pulled = await t.services.sync.pull(u.id, { clientId: c, cookie: null, limit: 100 });
    expect(pulled.lastMutationId).toBe(1);
    // renumbered from lastMutationId + 1
    expect(
      await t.services.sync.push(u.id, { clientId: c, mutations: [put(2, d, 0, { emailBody: 'kept' })] }),
    ).toEqual({ lastMutationId: 2, rejected: [] });
    expect((await t.db.prisma.draft.findUniqueOrThrow({ where: { id: d } })).emailBody).toBe('kept');
    // a client the server does not know must start at 1
    expect(
      (await errOf(t.services.sync.push(u.id, { clientId: clientId(), mutations: [put(5, d, 0, {})] })))
        ?.code,
    ).toBe('CONFLICT');
  });

  it('skips an invalid mutation as a no-op, reports it, and applies the ones behind it', async () => {
    const u = await newUser(t.services);
    const c = clientId();
    const d = draftId();
    const r = await t.services.sync.push(u.id, {
      clientId: c,
      mutations: [
        { id: 1, name: 'draft.put', args: { id: d, baseVersion: 0, fields: { emailBody: 42 } } },
        { id: 2, name: 'draft.fly', args: {} },
        put(3, d, 0, { recipientName: 'Fine' }),
      ],
    });
    expect(r.lastMutationId).toBe(3);
    expect(r.rejected.map((x) => x.id)).toEqual([1, 2]);
    expect((await t.db.prisma.draft.findUniqueOrThrow({ where: { id: d } })).recipientName).toBe('Fine');
  });

  it('different fields edited in two browsers merge; the same field keeps the later edit and the other is retrievable', async () => {
    const u = await newUser(t.services);
    const a = clientId();
    const b = clientId();
    const d = draftId();
    await t.services.sync.push(u.id, {
      clientId: a,
      mutations: [put(1, d, 0, { recipientName: 'Jane', emailSubject: 'Hi', emailBody: 'base' })],
    });
    const base = (await pullAll(u.id, b, null)).drafts.get(d)!;
    expect(base.emailBody).toBe('base');
    // both browsers offline, both made from `base`
    await t.services.sync.push(u.id, {
      clientId: a,
      mutations: [put(2, d, base.version, { emailSubject: 'Subject from A', emailBody: 'body from A' })],
    });
    await t.services.sync.push(u.id, {
      clientId: b,
      mutations: [put(1, d, base.version, { emailBody: 'body from B', jobTitle: 'Engineer' })],
    });
    const merged = (await pullAll(u.id, a, null)).drafts.get(d)!;
    expect(merged).toMatchObject({
      emailSubject: 'Subject from A', // only A changed it
      jobTitle: 'Engineer', // only B changed it
      emailBody: 'body from B', // both: B reached the server later
    });
    expect(merged.conflicts).toEqual([
      expect.objectContaining({ kind: 'field', field: 'emailBody', value: 'body from A', clientId: a }),
    ]);
    // A's own later edit made from an older base is not a conflict with itself
    await t.services.sync.push(u.id, {
      clientId: b,
      mutations: [put(2, d, base.version, { emailBody: 'B again' })],
    });
    expect((await pullAll(u.id, a, null)).drafts.get(d)!.conflicts).toHaveLength(1);
    // an edit made after seeing the latest version is a plain edit
    const seen = (await pullAll(u.id, a, null)).drafts.get(d)!;
    await t.services.sync.push(u.id, {
      clientId: a,
      mutations: [put(3, d, seen.version, { emailBody: 'A later' })],
    });
    expect((await pullAll(u.id, a, null)).drafts.get(d)!.conflicts).toHaveLength(1);

    // restoring the kept edit puts it back and settles it
    const conflictId = merged.conflicts[0]!.id;
    await t.services.sync.push(u.id, {
      clientId: a,
      mutations: [{ id: 4, name: 'draft.resolve', args: { id: d, conflictId, restore: true } }],
    });
    const restored = (await pullAll(u.id, b, null)).drafts.get(d)!;
    expect(restored.emailBody).toBe('body from A');
    expect(restored.conflicts).toEqual([]);
  });

  it('a delete wins over an edit it had not seen; an edit reaching a deleted draft keeps it deleted, kept and flagged', async () => {
    const u = await newUser(t.services);
    const a = clientId();
    const b = clientId();
    const d = draftId();
    await t.services.sync.push(u.id, {
      clientId: a,
      mutations: [put(1, d, 0, { recipientName: 'Jo', emailBody: 'v1' })],
    });
    const v = (await pullAll(u.id, b, null)).drafts.get(d)!.version;
    // B edits (arrives first), A deletes without having seen it: deleted
    await t.services.sync.push(u.id, { clientId: b, mutations: [put(1, d, v, { emailBody: 'B typed' })] });
    await t.services.sync.push(u.id, {
      clientId: a,
      mutations: [{ id: 2, name: 'draft.delete', args: { id: d, baseVersion: v } }],
    });
    let pulled = (await pullAll(u.id, a, null)).drafts.get(d)!;
    expect(pulled).toMatchObject({ deleted: true, emailBody: 'B typed', conflicts: [] });
    // B edits again, not having seen the delete: still deleted, the edit kept, the user told
    await t.services.sync.push(u.id, {
      clientId: b,
      mutations: [put(2, d, v, { emailBody: 'B typed more' })],
    });
    pulled = (await pullAll(u.id, a, null)).drafts.get(d)!;
    expect(pulled).toMatchObject({ deleted: true, emailBody: 'B typed more' });
    expect(pulled.conflicts).toEqual([expect.objectContaining({ kind: 'edited-after-delete', clientId: b })]);
    expect(await t.services.drafts.list(u.id)).toEqual([]);
    // B restores it
    await t.services.sync.push(u.id, {
      clientId: b,
      mutations: [{ id: 3, name: 'draft.restore', args: { id: d } }],
    });
    pulled = (await pullAll(u.id, a, null)).drafts.get(d)!;
    expect(pulled).toMatchObject({ deleted: false, emailBody: 'B typed more', conflicts: [] });
  });
});

describe('sync.pull', { timeout: 60_000 }, () => {
  it('returns only what changed since the cookie: drafts, items, tombstones and history with their status changes', async () => {
    const u = await newUser(t.services);
    const c = clientId();
    const d1 = draftId();
    const d2 = draftId();
    await t.services.sync.push(u.id, {
      clientId: c,
      mutations: [put(1, d1, 0, { recipientName: 'One' }), put(2, d2, 0, { recipientName: 'Two' })],
    });
    const first = await pullAll(u.id, c, null);
    expect([...first.drafts.keys()].sort()).toEqual([d1, d2].sort());
    expect(first.last.lastMutationId).toBe(2);

    const nothing = await t.services.sync.pull(u.id, { clientId: c, cookie: first.cookie, limit: 100 });
    expect(nothing).toMatchObject({ drafts: [], items: [], history: [], more: false, reset: false });
    expect(nothing.cookie).toBe(first.cookie);

    await t.services.sync.push(u.id, {
      clientId: c,
      mutations: [
        { id: 3, name: 'draft.delete', args: { id: d1, baseVersion: 0 } },
        { id: 4, name: 'item.put', args: { kind: 'settings', id: 'profile', patch: { myName: 'Sam' } } },
      ],
    });
    const row = await t.services.outreach.recordLinkedIn(u.id, {
      sendId: `send-${draftId()}`,
      recipient: { name: 'Lee', linkedinUrl: 'https://www.linkedin.com/in/lee/' },
      message: 'Hello',
    });
    const since = await pullAll(u.id, c, first.cookie);
    expect([...since.drafts.values()].map((x) => [x.id, x.deleted])).toEqual([[d1, true]]);
    expect([...since.items.values()].map((x) => x.data)).toEqual([{ myName: 'Sam' }]);
    expect([...since.history.values()]).toEqual([row]);
    expect(since.last.lastMutationId).toBe(4);
  });

  it('pages a large change set by version, and a first sync brings the newest history first, then drafts, then the rest', async () => {
    const u = await newUser(t.services);
    const c = clientId();
    const ids = Array.from({ length: 23 }, () => draftId());
    await t.services.sync.push(u.id, {
      clientId: c,
      mutations: ids.map((id, i) => put(i + 1, id, 0, { recipientName: `P${i}` })),
    });
    const sends = [];
    for (let i = 0; i < 12; i++) {
      sends.push(
        await t.services.outreach.recordLinkedIn(u.id, {
          sendId: `page-send-${i}-${draftId()}`,
          recipient: { name: `R${i}`, linkedinUrl: `https://www.linkedin.com/in/r${i}/` },
          message: 'Hi',
        }),
      );
    }
    const full = await pullAll(u.id, c, null, 5);
    expect(full.drafts.size).toBe(23);
    expect(full.history.size).toBe(12);
    // the first page already holds the newest history rows
    expect(full.pages[0]!.history[0]!.id).toBe(sends[11]!.id);
    expect(full.pages.every((p) => p.drafts.length + p.items.length <= 5)).toBe(true);
    expect(full.pages.length).toBeGreaterThan(5);

    // incremental: 7 changes in pages of 3
    await t.services.sync.push(u.id, {
      clientId: c,
      mutations: ids.slice(0, 7).map((id, i) => put(24 + i, id, 0, { emailBody: `edit ${i}` })),
    });
    const inc = await pullAll(u.id, c, full.cookie, 3);
    expect(inc.pages.map((p) => p.drafts.length)).toEqual([3, 3, 1]);
    expect(inc.drafts.size).toBe(7);
    expect(inc.last.more).toBe(false);
  });

  it('never returns another user’s rows, and refuses another user’s draft ids and client ids', async () => {
    const a = await newUser(t.services);
    const b = await newUser(t.services);
    const ca = clientId();
    const cb = clientId();
    const d = draftId();
    await t.services.sync.push(a.id, {
      clientId: ca,
      mutations: [
        put(1, d, 0, { recipientName: 'Secret', emailBody: 'private' }),
        {
          id: 2,
          name: 'item.put',
          args: { kind: 'template', id: 'tpl-a-0001', patch: { name: 'Mine', body: 'x' } },
        },
      ],
    });
    await t.services.outreach.recordLinkedIn(a.id, {
      sendId: `iso-${draftId()}`,
      recipient: { name: 'X', linkedinUrl: 'https://www.linkedin.com/in/x/' },
      message: 'secret',
    });
    const bPull = await pullAll(b.id, cb, null);
    expect(bPull.drafts.size + bPull.history.size + bPull.items.size).toBe(0);
    // B's client id used by A's session sees A's last mutation id as 0, not B's
    expect((await t.services.sync.pull(b.id, { clientId: ca, cookie: null, limit: 10 })).lastMutationId).toBe(
      0,
    );
    const r = await t.services.sync.push(b.id, {
      clientId: cb,
      mutations: [put(1, d, 0, { emailBody: 'overwrite' })],
    });
    expect(r.rejected).toEqual([{ id: 1, error: 'Draft not found' }]);
    expect((await t.db.prisma.draft.findUniqueOrThrow({ where: { id: d } })).emailBody).toBe('private');
    expect(
      (await errOf(t.services.sync.push(b.id, { clientId: ca, mutations: [put(3, draftId(), 0, {})] })))
        ?.code,
    ).toBe('BAD_REQUEST');
  });

  it('compacts old tombstones; a client whose cookie is older is told to resync in full', async () => {
    const u = await newUser(t.services);
    const c = clientId();
    const [d1, d2, d3] = [draftId(), draftId(), draftId()];
    await t.services.sync.push(u.id, {
      clientId: c,
      mutations: [
        put(1, d1, 0, { recipientName: 'a' }),
        put(2, d2, 0, { recipientName: 'b' }),
        put(3, d3, 0, { recipientName: 'c' }),
      ],
    });
    const before = await pullAll(u.id, c, null);
    const other = clientId();
    await t.services.sync.push(u.id, {
      clientId: other,
      mutations: [
        { id: 1, name: 'draft.delete', args: { id: d1, baseVersion: 0 } },
        { id: 2, name: 'draft.delete', args: { id: d2, baseVersion: 0 } },
        put(3, d2, 0, { emailBody: 'typed after the delete' }),
      ],
    });
    // within the retention: kept and pulled as tombstones
    const later = new Date(Date.now() + 60_000);
    expect((await t.services.sync.compact(later)).drafts).toBe(0);
    const inc = await pullAll(u.id, c, before.cookie);
    expect(
      [...inc.drafts.values()]
        .filter((d) => d.deleted)
        .map((d) => d.id)
        .sort(),
    ).toEqual([d1, d2].sort());

    // past it: d1 is gone; d2 carries an unresolved edit and stays
    const removed = await t.services.sync.compact(later, 0);
    expect(removed.drafts).toBeGreaterThanOrEqual(1);
    expect(await t.db.prisma.draft.findUnique({ where: { id: d1 } })).toBeNull();
    expect(await t.db.prisma.draft.findUnique({ where: { id: d2 } })).not.toBeNull();
    const stale = await t.services.sync.pull(u.id, { clientId: c, cookie: before.cookie, limit: 500 });
    expect(stale.reset).toBe(true);
    const resync = await pullAll(u.id, c, before.cookie);
    expect(resync.drafts.has(d1)).toBe(false);
    expect(resync.drafts.get(d3)?.deleted).toBe(false);
    // an up-to-date cookie is not reset
    expect((await t.services.sync.pull(u.id, { clientId: c, cookie: resync.cookie, limit: 5 })).reset).toBe(
      false,
    );
  });

  it('a cookie the server cannot have issued is refused; one from a newer database resets', async () => {
    const u = await newUser(t.services);
    const bad = await errOf(t.services.sync.pull(u.id, { clientId: clientId(), cookie: 'x.1', limit: 5 }));
    expect(bad?.code).toBe('BAD_REQUEST');
    expect(
      (await t.services.sync.pull(u.id, { clientId: clientId(), cookie: '999999', limit: 5 })).reset,
    ).toBe(true);
  });
});

describe('history versions and live changes', { timeout: 60_000 }, () => {
  it('a send pokes the user’s subscribers only, and a drafts.send carries the text the browser shows', async () => {
    const a = await newUser(t.services);
    const b = await newUser(t.services);
    const pokes: string[] = [];
    const offA = t.services.sync.changes.subscribe(a.id, () => pokes.push('a'));
    const offB = t.services.sync.changes.subscribe(b.id, () => pokes.push('b'));
    const c = clientId();
    const d = draftId();
    await t.services.sync.push(a.id, {
      clientId: c,
      mutations: [
        put(1, d, 0, {
          recipientName: 'Kim',
          recipientLinkedinUrl: 'https://www.linkedin.com/in/kim/',
          linkedinMessage: 'server copy',
        }),
      ],
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(pokes).toEqual(['a']);
    const row = await t.services.drafts.send(a.id, {
      draftId: d,
      sendId: `content-${draftId()}`,
      email: false,
      linkedinSent: true,
      content: {
        recipientName: 'Kim',
        recipientEmail: null,
        recipientLinkedinUrl: 'https://linkedin.com/in/kim',
        jobTitle: null,
        companyName: null,
        jobUrl: null,
        emailSubject: null,
        emailBody: null,
        linkedinMessage: 'what this browser shows',
      },
    });
    expect(row).toMatchObject({
      linkedinMessage: 'what this browser shows',
      recipientLinkedinUrl: 'https://www.linkedin.com/in/kim/',
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(pokes).toEqual(['a', 'a']);
    offA();
    offB();
  });
});

describe(
  'the fast read path (SQLite statements, or pg statements on PostgreSQL)',
  { timeout: 60_000 },
  () => {
    it('pulls the same pages as the Prisma path, for a first sync and since a cookie', async () => {
      const u = await newUser(t.services);
      const c = clientId();
      const d = draftId();
      await t.services.sync.push(u.id, {
        clientId: c,
        mutations: [
          put(1, d, 0, { recipientName: 'Same', emailBody: 'x' }),
          put(2, draftId(), 0, { recipientName: 'Other' }),
          {
            id: 3,
            name: 'item.put',
            args: { kind: 'contact', id: 'mailto:a@b.test', patch: { name: 'A', jobs: [] } },
          },
          { id: 4, name: 'draft.delete', args: { id: d, baseVersion: 0 } },
        ],
      });
      for (let i = 0; i < 3; i++)
        await t.services.outreach.recordLinkedIn(u.id, {
          sendId: `parity-${i}-${draftId()}`,
          recipient: { name: `R${i}`, linkedinUrl: `https://www.linkedin.com/in/parity-${i}/` },
          message: 'Hi',
        });
      // Rows recorded before sync existed all have version 0: the backfill breaks ties by id.
      await t.db.prisma.outreachHistory.createMany({
        data: [0, 1, 2].map((i) => ({
          userId: u.id,
          sendId: `old-${i}-${draftId()}`,
          recipientName: `Old ${i}`,
          channel: 'linkedin',
          linkedinMessage: 'Hi',
          status: i === 1 ? 'failed' : 'sent',
          sentAt: new Date(Date.UTC(2024, 0, 1 + i)),
        })),
      });
      const viaPrisma = createSyncPull({ db: t.db, fastReads: false });
      for (const limit of [1, 2, 500]) {
        let a: string | null = null;
        let b: string | null = null;
        for (let page = 0; page < 20; page++) {
          const fast = await t.services.sync.pull(u.id, { clientId: c, cookie: a, limit });
          const slow = await viaPrisma(u.id, { clientId: c, cookie: b, limit });
          expect(fast).toEqual(slow);
          a = fast.cookie;
          b = slow.cookie;
          if (!fast.more) break;
        }
      }
    });

    it('pushes with the same effects as the Prisma path: results, rows and versions', async () => {
      const viaPrisma = createSyncPush({ db: t.db, onChange: () => {}, fastWrites: false });
      const pullPrisma = createSyncPull({ db: t.db, fastReads: false });
      const outcomes: string[] = [];
      for (const push of [t.services.sync.push, viaPrisma]) {
        const u = await newUser(t.services);
        const c = clientId();
        const tag = `parity-draft-${++n}x`;
        const batch = (from: number): M[] =>
          [
            put(1, `${tag}-a`, 0, { recipientName: 'Same', emailBody: 'x' }),
            put(2, `${tag}-b`, 0, { recipientName: 'Other', emailSubject: 'Hi' }),
            {
              id: 3,
              name: 'item.put',
              args: { kind: 'contact', id: 'mailto:a@b.test', patch: { name: 'A', jobs: [] } },
            },
            { id: 4, name: 'draft.delete', args: { id: `${tag}-a`, baseVersion: 0 } },
            { id: 5, name: 'draft.put', args: { nonsense: true } } as unknown as M,
            put(6, `${tag}-b`, 2, { emailBody: 'edited' }),
            { id: 7, name: 'item.delete', args: { kind: 'contact', id: 'mailto:a@b.test' } },
            { id: 8, name: 'draft.restore', args: { id: `${tag}-missing`, fields: {} } } as unknown as M,
          ].filter((m) => m.id >= from);
        const results = [
          await push(u.id, { clientId: c, mutations: batch(1).slice(0, 3) }),
          await push(u.id, { clientId: c, mutations: batch(2) }), // 2 and 3 replayed
          await push(u.id, { clientId: c, mutations: batch(8) }), // replay only
        ];
        const gap = await push(u.id, {
          clientId: c,
          mutations: [put(10, `${tag}-c`, 0, { recipientName: 'Gap' })],
        }).catch((e: AppError) => e.code);
        const pulled = await pullPrisma(u.id, { clientId: c, cookie: '0', limit: 500 });
        const version = await t.db.prisma.userVersion.findUnique({ where: { userId: u.id } });
        outcomes.push(
          JSON.stringify({ results, gap, pulled, version: version?.version }, (k, v: unknown) =>
            k === 'updatedAt' || k === 'createdAt' || k === 'at' ? 0 : v,
          ).replaceAll(tag, 'TAG'),
        );
      }
      expect(JSON.parse(outcomes[0]!)).toStrictEqual(JSON.parse(outcomes[1]!));
      expect(outcomes[0]).toContain('"gap":"CONFLICT"');
      expect(outcomes[0]).toContain('edited');
    });
  },
);
