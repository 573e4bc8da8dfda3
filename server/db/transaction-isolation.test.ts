// A write a caller was told succeeded must stay written, and nothing may read what another
// request's transaction writes before it commits — whatever the interleaving of requests.
//
// Issue 8, finding 1: on SQLite, Prisma's better-sqlite3 adapter runs every query on one
// connection and locks it for transactions only, so a plain write issued while another request's
// interactive transaction was open ran inside it and vanished with its rollback (300 creates
// racing 300 `drafts.delete` of unknown ids: all resolved, 295 rows gone). The same connection
// gave the SQLite fast path (history.latest, stats.get, the session check) dirty reads.
//
// Runs on SQLite (project unit) and on PostgreSQL (project server-pg). fast-check picks the
// interleavings (launch order and delays); a failure prints the seed to replay it.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';

let t: TempServices;
beforeAll(async () => {
  t = await tempServices();
}, 60_000);
afterAll(async () => {
  await t?.close();
}, 60_000);

const PER_KIND = 300;
/** Readers that read over and over while the writers run. */
const READERS = 30;

/**
 * Lets `n` microtasks of other requests run first. Prisma's steps (a transaction's BEGIN, its
 * queries, its ROLLBACK) are chained promises, mostly within one turn of the event loop, so
 * interleavings are made at microtask grain.
 */
async function yieldMicrotasks(n: number) {
  for (let i = 0; i < n; i++) await null;
}

/** Waits `turns` turns of the event loop, then `micro` microtasks. */
async function wait({ turns, micro }: { turns: number; micro: number }) {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
  await yieldMicrotasks(micro);
}

const delay = fc.record({ turns: fc.integer({ min: 0, max: 2 }), micro: fc.integer({ min: 0, max: 120 }) });

/** fast-check without shrinking (one failing interleaving is the answer) and a short report. */
async function forEveryInterleaving<T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>) {
  const out = await fc.check(fc.asyncProperty(arb, check), { numRuns: 3, endOnFailure: true });
  if (out.failed) {
    throw new Error(
      `${String((out.errorInstance as Error)?.message ?? out.errorInstance)}\n(replay: fc seed ${out.seed}, path ${out.counterexamplePath})`,
    );
  }
}

/** An interleaving: the order operations are launched in, and the microtasks each waits first. */
const interleaving = (n: number) =>
  fc.record({
    order: fc.shuffledSubarray(
      Array.from({ length: n }, (_, i) => i),
      { minLength: n, maxLength: n },
    ),
    delays: fc.array(delay, { minLength: n, maxLength: n }),
  });

describe('one connection, many requests', { timeout: 180_000 }, () => {
  it('a plain write never joins, and never dies with, another request’s rolled-back transaction', async () => {
    const user = await newUser(t.services);
    let round = 0;
    await forEveryInterleaving(interleaving(2 * PER_KIND), async ({ order, delays }) => {
      round += 1;
      const tag = `r${round}-${randomUUID().slice(0, 8)}`;
      const created: string[] = [];
      const ops = order.map(async (i, k) => {
        await wait(delays[k]!);
        if (i < PER_KIND) {
          // an everyday rollback: the extension deletes drafts the server never got
          const err = await t.services.drafts.delete(user.id, `missing-${tag}-${i}`).catch((e: unknown) => e);
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).code).toBe('NOT_FOUND');
          return;
        }
        const sendId = `${tag}-${i}`;
        await t.db.prisma.outreachHistory.create({
          data: {
            userId: user.id,
            sendId,
            recipientName: 'Race',
            recipientLinkedinUrl: 'https://www.linkedin.com/in/race/',
            channel: 'linkedin',
            linkedinMessage: 'hello',
            status: 'sent',
            sentAt: new Date(),
          },
        });
        created.push(sendId); // the caller was told "success"
      });
      await Promise.all(ops);
      expect(created).toHaveLength(PER_KIND);
      const stored = await t.db.prisma.outreachHistory.findMany({
        where: { userId: user.id, sendId: { startsWith: `${tag}-` } },
        select: { sendId: true },
      });
      const lost = created.filter((id) => !stored.some((s) => s.sendId === id));
      expect(lost, `${lost.length} of ${created.length} acknowledged writes were rolled back`).toEqual([]);
    });
  });

  it('no read sees what a transaction wrote before it committed (history, stats, session)', async () => {
    const user = await newUser(t.services);
    const token = `phantom-${randomUUID()}`;
    let round = 0;
    await forEveryInterleaving(interleaving(PER_KIND + READERS), async ({ order, delays }) => {
      round += 1;
      const seen: string[] = [];
      let writing = PER_KIND;
      const ops = order.map(async (i, k) => {
        await wait(delays[k]!);
        if (i < PER_KIND) {
          // writes a row, a counter and a session, then rolls back: none of it ever existed
          await t.db.prisma
            .$transaction(async (tx) => {
              await tx.outreachHistory.create({
                data: {
                  userId: user.id,
                  sendId: `phantom-${round}-${i}`,
                  recipientName: 'Phantom',
                  recipientLinkedinUrl: 'https://www.linkedin.com/in/phantom/',
                  channel: 'linkedin',
                  linkedinMessage: 'never sent',
                  status: 'sent',
                  sentAt: new Date(),
                },
              });
              await tx.userStats.upsert({
                where: { userId: user.id },
                create: { userId: user.id, totalAll: 1, totalLinkedin: 1 },
                update: { totalAll: { increment: 1 }, totalLinkedin: { increment: 1 } },
              });
              await tx.session.upsert({
                where: { token },
                create: {
                  id: `phantom-session-${round}-${i}`,
                  token,
                  userId: user.id,
                  expiresAt: new Date(Date.now() + 3_600_000),
                  updatedAt: new Date(),
                },
                update: {},
              });
              // held open across a turn of the event loop, as a transaction awaiting anything is
              await wait({ turns: 1, micro: 0 });
              throw new Error('roll back');
            })
            .catch((e: unknown) => {
              if ((e as Error).message !== 'roll back') throw e;
            })
            .finally(() => (writing -= 1));
          return;
        }
        // readers keep reading, at shifting offsets, until every writer has rolled back
        do {
          const reader = i % 3;
          if (reader === 0) {
            const rows = await t.services.history.latest(user.id, 20);
            if (rows.some((r) => r.recipientName === 'Phantom'))
              seen.push('history.latest: a rolled-back row');
          } else if (reader === 1) {
            const stats = await t.services.stats.get(user.id);
            if (stats.totals.all !== 0) seen.push(`stats.get: totals.all = ${stats.totals.all}`);
          } else if (await t.services.auth.userForToken(token)) {
            seen.push('session check: a rolled-back session');
          }
          await wait({ turns: 1, micro: (k * 7) % 23 });
        } while (writing > 0);
      });
      await Promise.all(ops);
      expect(seen, `${seen.length} dirty reads, first: ${seen[0]}`).toEqual([]);
    });
    expect(await t.db.prisma.outreachHistory.count({ where: { userId: user.id } })).toBe(0);
  });
});
