// The dashboard's first screen: until Latest attempts' rows are on screen the Overview reads
// nothing but them (and the session and theme the page's frame needs); the tiles' counts, the
// outbox, follow-ups due, the nav's draft count and the sync status are read after
// (docs/extension.md, "First render").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DBCore, Middleware } from 'dexie';
import { db } from '@/db/database';
import { render, waitFor } from '@/test-support/render';
import { sentEmailRow } from '@/test-support/history-row';
import { DashboardApp } from './app';
import { readLatestAttemptsEarly } from './first-read';

/** every read of the database: its table, and whether the rows were on screen when it was made */
const reads: { table: string; rowsShown: boolean }[] = [];
const rowsShown = () => document.querySelectorAll('[data-testid="attempt-row"]').length > 0;
const recorder: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'first-screen-reads',
  create: (down) => ({
    ...down,
    table(name) {
      const t = down.table(name);
      const note = () => reads.push({ table: name, rowsShown: rowsShown() });
      return {
        ...t,
        query: (req) => (note(), t.query(req)),
        get: (req) => (note(), t.get(req)),
        getMany: (req) => (note(), t.getMany(req)),
        count: (req) => (note(), t.count(req)),
        openCursor: (req) => (note(), t.openCursor(req)),
      };
    },
  }),
};

beforeAll(async () => {
  await db.history.bulkPut(Array.from({ length: 30 }, (_, i) => sentEmailRow(i + 1)));
  // a middleware takes effect when the database opens
  db.close({ disableAutoOpen: false });
  db.use(recorder);
  await db.open();
});

afterAll(async () => {
  db.unuse({ stack: 'dbcore', name: 'first-screen-reads' });
  await db.history.clear();
});

describe("the dashboard's first screen", () => {
  it('reads only Latest attempts (and the session and theme) until its rows are on screen', async () => {
    location.hash = '';
    reads.length = 0;
    readLatestAttemptsEarly();
    const r = await render(<DashboardApp />);
    await waitFor(() => expect(r.all('attempt-row')).toHaveLength(20));
    const before = new Set(reads.filter((x) => !x.rowsShown).map((x) => x.table));
    expect([...before].sort()).toEqual(['contacts', 'history', 'settings']);
    // then the rest: the tiles' counts (counters, drafts), the outbox, the sync status
    await waitFor(() => {
      const after = new Set(reads.filter((x) => x.rowsShown).map((x) => x.table));
      for (const table of ['historyCounts', 'drafts', 'outbox', 'mutations']) expect(after).toContain(table);
    });
    await waitFor(() => expect(r.container.textContent).toContain('All sends30'));
    await r.unmount();
  });
});
