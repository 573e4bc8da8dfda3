// The fast paths (SQLite: sqlite-fast-path.ts; PostgreSQL: pg-fast-path.ts) must give exactly
// what the Prisma path gives: same rows (Dates, nulls), same stats, same session, and a recorded
// send with the same effects (row, stats, draft, version). Runs on both databases.
// Two service sets share one database: `fast` (db.fast on) and `slow` (db.fast off = Prisma only).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_ROW_FIELDS } from '../../shared/schemas/history';
import { columnOf } from '../../shared/schemas/outreach-content';
import { createServices, type Services } from '../services';
import { PULL_PG_SQL } from '../services/sync-pull-pg';
import { PUSH_SQL } from '../services/sync-push-store';
import { PG_SQL } from './pg-fast-path';
import { STATS_FIELD } from '../services/history-row';
import { linkedinSendFields } from '../testing/linkedin-send-fields';
import { newUser, tempServices, type TempServices } from '../testing/temp-services';

// tempServices opens PostgreSQL when REACHLOG_TEST_PG_URL is set; the gate and group commit are SQLite's.
const onSqlite = !process.env.REACHLOG_TEST_PG_URL;
let t: TempServices;
let fast: Services;
let slow: Services;
beforeAll(async () => {
  t = await tempServices();
  fast = t.services;
  slow = createServices({
    db: { ...t.db, fast: null },
    secret: 'unit-test-secret-0123456789abcdef',
    log: pino({ level: 'silent' }),
  });
}, 60_000);
afterAll(async () => {
  slow?.close();
  await t?.close();
}, 60_000);

const linkedin = (i: number, extra: Record<string, unknown> = {}) => ({
  sendId: randomUUID(),
  recipient: { name: `Person ${i}`, linkedinUrl: `https://www.linkedin.com/in/person-${i}/` },
  jobTitle: i % 2 ? 'Engineer' : undefined,
  companyName: i % 3 ? `Corp ${i}` : undefined,
  jobUrl: i % 2 ? `https://www.linkedin.com/jobs/view/${4_000_000_000 + i}/` : undefined,
  message: `Hello ${i}`,
  ...extra,
});

/** A model's field → column map, read from the Prisma schema (the raw statements must agree). */
function columnsOf(model: string): Map<string, string> {
  const schema = fs.readFileSync(
    path.resolve(import.meta.dirname, '../../prisma/sqlite/schema.prisma'),
    'utf8',
  );
  const body = new RegExp(`model ${model} \\{([\\s\\S]*?)\\n\\}`).exec(schema)?.[1] ?? '';
  const out = new Map<string, string>();
  for (const line of body.split('\n')) {
    const m = /^\s+(\w+)\s+\w+[?[\]]*(.*)$/.exec(line);
    if (m) out.set(m[1]!, /@map\("(\w+)"\)/.exec(m[2]!)?.[1] ?? m[1]!);
  }
  return out;
}

describe('fast paths: raw statements follow the Prisma schema', () => {
  it('names every history row field and stats counter by the column Prisma maps it to', () => {
    const history = columnsOf('OutreachHistory');
    expect(history.size).toBeGreaterThan(10);
    for (const f of HISTORY_ROW_FIELDS) expect([f, columnOf(f)]).toEqual([f, history.get(f)]);
    const stats = columnsOf('UserStats');
    for (const f of ['totalAll', ...Object.values(STATS_FIELD)])
      expect([f, columnOf(f)]).toEqual([f, stats.get(f)]);
    // the parser does see a renamed column
    expect(columnsOf('Session').get('expiresAt')).toBe('expires_at');
  });

  it('uses only tables and columns of the Prisma schema in the PostgreSQL statements', () => {
    const schema = fs.readFileSync(
      path.resolve(import.meta.dirname, '../../prisma/postgres/schema.prisma'),
      'utf8',
    );
    const known = new Set<string>();
    for (const model of schema.matchAll(/model (\w+) \{/g))
      for (const c of columnsOf(model[1]!).values()) known.add(c);
    for (const table of schema.matchAll(/@@map\("(\w+)"\)/g)) known.add(table[1]!);
    const statements = Object.values({ ...PG_SQL, ...PULL_PG_SQL, ...PUSH_SQL });
    expect(statements.length).toBeGreaterThan(15);
    for (const sql of statements) {
      // Every snake_case name (columns, tables) but functions (json_agg(…)); aliases are "camelCase".
      const names = [...sql.matchAll(/\b[a-z]+(?:_[a-z]+)+\b(?!\()/g)].map((m) => m[0]);
      for (const n of names) expect([n, known.has(n)]).toEqual([n, true]);
    }
    expect(known.has('follow_up_of')).toBe(true);
  });
});

describe('fast path', { timeout: 120_000 }, () => {
  it('is on for both databases', () => {
    expect(t.db.fast?.kind).toBe(t.db.kind);
  });

  it('reads the same rows, stats and session as Prisma', async () => {
    expect(t.db.fast).not.toBeNull();
    const u = await newUser(fast);
    const T0 = Date.now() - 10 * 24 * 3600 * 1000;
    // Rows written by Prisma: every nullable column null in some, set in others; all statuses.
    await t.db.prisma.outreachHistory.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        userId: u.id,
        sendId: `seed-${i}`,
        recipientName: `Person ${i}`,
        recipientEmail: i % 2 ? `p${i}@corp.example` : null,
        recipientLinkedinUrl: i % 3 ? `https://www.linkedin.com/in/p-${i}/` : null,
        jobTitle: i % 4 ? 'Title' : null,
        companyName: i % 5 ? 'Company' : null,
        jobUrl: i % 6 ? `https://www.linkedin.com/jobs/view/${i}/` : null,
        channel: (['email', 'linkedin', 'both'] as const)[i % 3]!,
        emailSubject: i % 2 ? 'Subject' : null,
        emailBody: i % 2 ? 'Body\nline' : null,
        linkedinMessage: i % 2 ? null : 'Message ✓',
        status: (['sent', 'failed', 'pending'] as const)[i % 3]!,
        error: i % 3 === 1 ? 'refused' : null,
        draftId: i % 7 ? null : `draft-${i}`,
        // Some share one sent_at, to check the id tie-break.
        sentAt: new Date(T0 + Math.floor(i / 3) * 12 * 3600 * 1000 + (i % 3 === 2 ? 1 : 0)),
      })),
    });
    // Rows written by the fast path, read back by both.
    for (let i = 0; i < 3; i++) await fast.outreach.recordLinkedIn(u.id, linkedin(i));

    for (const limit of [1, 5, 20, 100]) {
      const a = await fast.history.latest(u.id, limit);
      const b = await slow.history.latest(u.id, limit);
      expect(a).toStrictEqual(b);
      expect(a.length).toBe(Math.min(limit, 20 + 3));
    }
    const lookups = [
      { linkedinUrl: 'https://www.linkedin.com/in/p-1/' },
      { email: 'p3@corp.example' },
      { jobUrl: 'https://www.linkedin.com/jobs/view/7/' },
      {
        linkedinUrl: 'https://www.linkedin.com/in/p-2/',
        email: 'p5@corp.example',
        jobUrl: 'https://www.linkedin.com/jobs/view/8/',
      },
      { linkedinUrl: 'https://www.linkedin.com/in/person-1/' },
      { email: 'nobody@corp.example' },
    ];
    let found = 0;
    for (const keys of lookups) {
      const a = await fast.history.forRecipient(u.id, keys);
      expect(a).toStrictEqual(await slow.history.forRecipient(u.id, keys));
      found += a.length;
    }
    expect(found).toBeGreaterThanOrEqual(4);
    expect(await fast.stats.get(u.id)).toStrictEqual(await slow.stats.get(u.id));
    const stats = await fast.stats.get(u.id);
    expect(stats.totals.linkedin).toBe(3);
    expect(stats.last7Days).toBeGreaterThan(3);

    const other = await newUser(fast);
    expect(await fast.stats.get(other.id)).toStrictEqual(await slow.stats.get(other.id));
    expect(await fast.history.latest(other.id)).toStrictEqual([]);

    const { token } = await fast.auth.signIn(
      { email: u.email, password: 'correct horse battery' },
      { ip: '127.0.0.1' },
    );
    expect(await fast.auth.userForToken(token)).toStrictEqual(await slow.auth.userForToken(token));
    expect(await fast.auth.userForToken(token)).toMatchObject({ id: u.id, email: u.email });
    expect(await fast.auth.userForToken('no-such-token')).toBeNull();
  });

  it('records a send with the same effects as Prisma, once per sendId', async () => {
    const [uf, us] = [await newUser(fast), await newUser(fast)];
    const draftInput = (id: string) => ({
      id,
      recipient: { name: 'Dana', linkedinUrl: 'https://www.linkedin.com/in/dana/' },
      linkedinMessage: 'Hi',
    });
    const outcomes = [];
    for (const [svc, u] of [
      [fast, uf],
      [slow, us],
    ] as const) {
      const draftId = `draft-${randomUUID()}`;
      await svc.drafts.upsert(u.id, draftInput(draftId));
      const input = linkedin(7, { draftId });
      const row = await svc.outreach.recordLinkedIn(u.id, input);
      const again = await svc.outreach.recordLinkedIn(u.id, input); // a retry: same row, nothing more
      // A draft of another user: NOT_FOUND, the draft left alone, nothing recorded.
      const foreign = `draft-${randomUUID()}`;
      await svc.drafts.upsert((await newUser(fast)).id, draftInput(foreign));
      await expect(
        svc.outreach.recordLinkedIn(u.id, linkedin(8, { draftId: foreign })),
      ).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await svc.outreach.recordLinkedIn(u.id, linkedin(9));
      const draft = await t.db.prisma.draft.findUniqueOrThrow({ where: { id: draftId } });
      const foreignDraft = await t.db.prisma.draft.findUniqueOrThrow({ where: { id: foreign } });
      const version = await t.db.prisma.userVersion.findUnique({ where: { userId: u.id } });
      outcomes.push({
        row,
        again,
        readBack: (await slow.history.latest(u.id, 3)).find((r) => r.id === row.id),
        draft: { status: draft.status, version: draft.version, updatedAt: draft.updatedAt },
        foreignStatus: foreignDraft.status,
        userVersion: version?.version,
        totals: (await slow.stats.get(u.id)).totals,
        recomputed: await slow.stats.recompute(u.id),
        rows: await t.db.prisma.outreachHistory.count({ where: { userId: u.id } }),
      });
    }
    const [f, s] = outcomes;
    expect(f!.again).toStrictEqual(f!.row);
    expect(f!.readBack).toStrictEqual(f!.row);
    expect(f!.draft.updatedAt).toStrictEqual(f!.row.sentAt);
    expect(f!.row.createdAt).toBeInstanceOf(Date);
    // Same shape and effects on both paths; only ids, ids of drafts and times differ.
    const comparable = (o: typeof f) => ({
      row: { ...o!.row, id: 0, draftId: o!.row.draftId ? 'draft' : null, sentAt: 0, createdAt: 0 },
      draft: { status: o!.draft.status, version: o!.draft.version },
      foreignStatus: o!.foreignStatus,
      userVersion: o!.userVersion,
      totals: o!.totals,
      recomputed: o!.recomputed,
      rows: o!.rows,
    });
    expect(comparable(f)).toStrictEqual(comparable(s));
    expect(f!.draft.status).toBe('sent');
    expect(f!.totals).toStrictEqual({ all: 2, email: 0, linkedin: 2, both: 0 });
    expect(f!.recomputed).toStrictEqual(f!.totals);
  });

  it.runIf(onSqlite)('writes after a Prisma transaction that is open, never inside it', async () => {
    const u = await newUser(fast);
    const fields = {
      channel: 'linkedin' as const,
      recipientName: 'X',
      recipientEmail: null,
      recipientLinkedinUrl: 'https://www.linkedin.com/in/x/',
      jobTitle: null,
      companyName: null,
      jobUrl: null,
      emailSubject: null,
      emailBody: null,
      linkedinMessage: 'm',
      draftId: null,
    };
    let queued: Promise<unknown> | undefined;
    const rolledBack = await t.db.prisma
      .$transaction(async (tx) => {
        await tx.userVersion.upsert({
          where: { userId: u.id },
          create: { userId: u.id, version: 1 },
          update: {},
        });
        queued = t.db.fast!.insertSent(u.id, 'tx-open-1', fields, new Date());
        await new Promise((r) => setTimeout(r, 20));
        // not inside this transaction: it waits for it to end
        expect(
          await tx.outreachHistory.findFirst({ where: { userId: u.id, sendId: 'tx-open-1' } }),
        ).toBeNull();
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    expect(rolledBack).toBe('roll back');
    // written after the rollback, so it stays
    expect(await queued).toMatchObject({ status: 'sent', recipientName: 'X' });
    expect(await t.db.prisma.outreachHistory.count({ where: { userId: u.id, sendId: 'tx-open-1' } })).toBe(1);
    // And while one is open, a recorded send still succeeds (through Prisma, after it).
    const [, row] = await Promise.all([
      t.db.prisma.$transaction(async (tx) => {
        await tx.userVersion.upsert({
          where: { userId: u.id },
          create: { userId: u.id, version: 1 },
          update: { version: { increment: 1 } },
        });
        await new Promise((r) => setTimeout(r, 20));
      }),
      (async () => {
        await new Promise((r) => setTimeout(r, 5));
        return fast.outreach.recordLinkedIn(u.id, linkedin(1));
      })(),
    ]);
    expect(row.status).toBe('sent');
    expect((await fast.stats.get(u.id)).totals.linkedin).toBe(2);
    const outside = await t.db.fast!.insertSent(u.id, 'tx-closed-1', fields, new Date());
    expect(outside).toMatchObject({ status: 'sent', recipientName: 'X', linkedinMessage: 'm' });
  });

  it.runIf(onSqlite)('sends of one turn share a transaction; a failing one fails alone', async () => {
    const u = await newUser(fast);
    const fields = (i: number) => linkedinSendFields(i);
    const now = new Date();
    const calls = Array.from({ length: 20 }, (_, i) =>
      // One of them for a user that does not exist: the foreign key refuses it.
      t.db.fast!.insertSent(i === 7 ? 'no-such-user' : u.id, `group-${i}`, fields(i), now),
    );
    calls.push(t.db.fast!.insertSent(u.id, 'group-3', fields(3), now)); // a duplicate in the group
    const settled = await Promise.allSettled(calls);
    expect(settled[7]!.status).toBe('rejected');
    const ok = settled.filter((r, i) => i !== 7 && i !== 20);
    expect(ok.every((r) => r.status === 'fulfilled' && r.value?.status === 'sent')).toBe(true);
    expect(settled[20]).toMatchObject({ status: 'fulfilled', value: null });
    expect(await t.db.prisma.outreachHistory.count({ where: { userId: u.id } })).toBe(19);
    expect((await fast.stats.get(u.id)).totals).toStrictEqual(await slow.stats.recompute(u.id));
    expect((await fast.stats.get(u.id)).totals.linkedin).toBe(19);
  });
});
