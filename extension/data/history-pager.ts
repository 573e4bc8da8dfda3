// One History query's list as the view scrolls it: pages of rows by position, read as they come
// into view (one read at a time, always for what is on screen now, so a jump does not queue the
// pages passed over), and the total. Rows not read yet are `undefined` (the view draws a
// placeholder). Without text the total comes at once (counters, or an index count for a date
// range) and any page can be read (after the previous page's last row, or skipped to on the
// index). With text the pages come in order (a scan of the time index) until every matching id is
// known (queryHistoryIds, in the background); then the total is exact and any page is read by id.
// A change of the history (refresh) reads the count and the pages on screen again, showing the
// old rows until then. Plain class, no React: tested over a real Dexie (history-pager.test.ts).
import { db as defaultDb, type ReachlogDb } from '@/db/database';
import type { HistoryRowLocal } from '@/db/types';
import { historyRevision, queryHistoryIds, queryHistoryRows, type HistoryQuery } from './queries';
import {
  countHistoryRange,
  cursorOf,
  hasText,
  queryHistoryRange,
  queryHistoryTextPage,
  RARE_WORD_MAX,
  type HistoryCursor,
} from './history-pages';

/** pages kept either side of the ones on screen (the rest are dropped: memory stays a few pages) */
const KEEP = 4;
/** a text search's first read: the rows of a screen (the view shows ~15–25), then the rest of its page */
export const FIRST_SCREEN = 30;
/** a text search reads every matching id this long after its first page */
const IDS_DELAY_MS = 250;

export class HistoryPager {
  readonly text: boolean;
  /** pages by number: page k holds positions k*size … */
  private pages = new Map<number, HistoryRowLocal[]>();
  /** pages read before the last refresh: shown until read again */
  private stale = new Set<number>();
  /** the last row of each page read (kept after the page is dropped): where page k+1 starts */
  private ends = new Map<number, HistoryCursor>();
  /** text: every matching id once known */
  private ids: number[] | null = null;
  /** text before `ids`: where the scan goes on, and whether it may find more */
  private scan: { next: HistoryCursor | null; more: boolean } = { next: null, more: true };
  private exact: number | null = null;
  /** the refresh generation `exact` was read in */
  private exactGen = -1;
  private wanted = { first: 0, last: 0 };
  private gen = 0;
  private busy = false;
  private closed = false;
  private listeners = new Set<() => void>();
  /** bumped on every change (useSyncExternalStore's snapshot) */
  version = 0;
  /** the first page has been read */
  ready = false;

  constructor(
    readonly query: HistoryQuery,
    readonly size = 100,
    private readonly database: ReachlogDb = defaultDb,
    /** a query word with at most this many entries is read whole (history-pages.ts) */
    private readonly rareMax = RARE_WORD_MAX,
  ) {
    this.text = hasText(query);
  }

  subscribe = (fn: () => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private emit() {
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** The exact number of matches, or null while a text search has not read them all. */
  get total(): number | null {
    return this.exact;
  }

  /** Positions the list has: the total when known, else the rows found so far and a page to come. */
  get length(): number {
    if (this.exact !== null) return this.exact;
    const found = this.contiguous();
    return found + (this.text ? (this.scan.more ? this.size : 0) : found && found % this.size === 0 ? this.size : 0);
  }

  /** Rows found in order from the top (what "N+" counts while the total is not known). */
  contiguous(): number {
    let n = 0;
    for (let k = 0; ; k++) {
      const p = this.pages.get(k);
      if (!p) return n;
      n += p.length;
      if (p.length < this.size) return n;
    }
  }

  row(i: number): HistoryRowLocal | undefined {
    return this.pages.get(Math.floor(i / this.size))?.[i % this.size];
  }

  /** the history revision the pages read follow (noted before the first page; then set by refresh's caller) */
  revision: number | undefined;
  refreshedAt = 0;

  /** Reads the first page (and, without text, the count); resolves once it is there (or closed). */
  start(): Promise<void> {
    this.want(0, 0);
    return new Promise((resolve) => {
      const check = () => {
        if (!this.ready && !this.closed) return;
        off();
        resolve();
      };
      const off = this.subscribe(check);
      this.onClose.push(check);
      check();
    });
  }

  private onClose: (() => void)[] = [];

  /** The positions on screen: their pages are read (one at a time, most recent wish first). */
  want(first: number, last: number) {
    const size = this.size;
    this.wanted = { first: Math.floor(first / size), last: Math.floor(Math.max(first, last) / size) };
    // a text search still scanning reads its pages in order: it keeps them
    if (!this.text || this.ids)
      for (const k of [...this.pages.keys()])
        if (k > 0 && (k < this.wanted.first - KEEP || k > this.wanted.last + KEEP)) this.pages.delete(k);
    void this.pump();
  }

  /** The history changed: read the count and the pages on screen again (old rows shown until then). */
  refresh() {
    this.gen++;
    for (const signal of this.abort) signal.aborted = true;
    this.abort = [];
    for (const k of this.pages.keys()) this.stale.add(k);
    this.ends.clear();
    if (this.text && !this.ids) this.scan = { next: null, more: true };
    if (this.ready) this.background();
    void this.pump();
  }

  close() {
    this.closed = true;
    for (const signal of this.abort) signal.aborted = true;
    this.listeners.clear();
    this.onClose.forEach((fn) => fn());
  }

  private settled: (() => void)[] = [];
  private backgroundGen = -1;
  private abort: { aborted: boolean }[] = [];
  private counting = 0;

  /** Resolves when nothing is left to read for the pages wanted now, nor a count. */
  async idle(): Promise<void> {
    while (this.busy || this.counting || this.nextTask()) {
      void this.pump();
      await new Promise<void>((r) => this.settled.push(r));
    }
  }

  private wake() {
    const done = this.settled;
    this.settled = [];
    done.forEach((r) => r());
  }

  /**
   * Beside the pages (not queued behind them, nor they behind it): a date range's index count,
   * and a text search's every matching id (its exact total, and reads by position).
   */
  private background() {
    const { database: db, query: q, gen } = this;
    if (this.backgroundGen === gen) return;
    this.backgroundGen = gen;
    this.counting++;
    const signal = { aborted: false };
    this.abort.push(signal);
    void (async () => {
      try {
        if (this.text) {
          // a moment later: while the user types, each keystroke's list is dropped before it
          await new Promise((r) => setTimeout(r, IDS_DELAY_MS));
          if (gen !== this.gen || this.closed) return;
          const ids = await queryHistoryIds(q, db, this.rareMax, signal);
          if (gen !== this.gen || this.closed) return;
          this.ids = ids;
          this.exact = ids.length;
this.exactGen = this.gen;
          for (const k of this.pages.keys()) this.stale.add(k); // positions are the ids' now
        } else {
          const n = await countHistoryRange(q, db);
          if (gen !== this.gen || this.closed) return;
          this.exact = n;
this.exactGen = this.gen;
        }
        this.emit();
        void this.pump();
      } finally {
        this.counting--;
        this.wake();
      }
    })();
  }

  private async pump() {
    if (this.busy || this.closed) return;
    this.busy = true;
    try {
      for (let task = this.nextTask(); task && !this.closed; task = this.nextTask()) {
        const gen = this.gen;
        const apply = await task();
        if (gen !== this.gen || this.closed) continue; // read before a refresh: read again
        apply();
        this.emit();
      }
    } finally {
      this.busy = false;
      this.wake();
    }
  }

  private needs(k: number) {
    return !this.pages.has(k) || this.stale.has(k);
  }

  private setPage(k: number, rows: HistoryRowLocal[]) {
    this.pages.set(k, rows);
    this.stale.delete(k);
    const last = rows[rows.length - 1];
    if (last && rows.length === this.size) this.ends.set(k, cursorOf(last));
    if (k === 0 && !this.ready) {
      this.ready = true;
      if (this.exact === null) this.background();
      else this.backgroundGen = this.gen; // counted with the page
    }
  }

  /** The next read to make, as a function that reads and returns how to apply it; null: none. */
  private nextTask(): (() => Promise<() => void>) | null {
    const { database: db, query: q, size } = this;
    if (this.text) {
      if (!this.ids) {
        // pages in order, by scanning on from the last row found (a page's first screenful may
        // have been shown already: the scan goes on from it)
        const have = this.contiguousFresh();
        const k = Math.floor(have / size);
        if (k > this.wanted.last) return null;
        if (!this.scan.more && this.pages.has(0) && !this.stale.has(0)) return null; // read to its end
        const start = have === 0 ? null : this.scan.next;
        if (have > 0 && !start) return null;
        const shown = have % size ? this.pages.get(k)! : [];
        // the list's first rows: a screenful first, on screen while the scan fills the page
        const target = !this.ready ? Math.min(size, FIRST_SCREEN) : size;
        return async () => {
          const rows = [...shown];
          let next = start;
          let more = true;
          let ids: number[] | null = null;
          // a page may take several reads when matches are far apart; meanwhile every id is
          // read beside it, and once that is there the page comes from it instead
          const revision = k === 0 && !this.ready ? await historyRevision(db) : undefined;
          while (more && rows.length < target && !this.ids) {
            const page = await queryHistoryTextPage(q, next, target - rows.length, db, this.rareMax);
            rows.push(...page.rows);
            ({ next, more, ids } = page);
            if (more && rows.length < target) this.background();
          }
          return () => {
            if (this.ids && !ids) return;
            if (revision !== undefined) this.revision = revision;
            this.setPage(k, rows);
            this.scan = { next, more };
            if (ids) {
              this.ids = ids;
              this.exact = ids.length;
              this.exactGen = this.gen;
              // a first screenful of a rare word's result: the rest of its page by id
              if (rows.length < Math.min(size, ids.length - k * size)) this.stale.add(k);
            } else if (!more && this.exact === null) this.exact = k * size + rows.length;
          };
        };
      }
      const ids = this.ids;
      const k = this.pageToRead();
      if (k === null) return null;
      return async () => {
        const rows = await queryHistoryRows(ids.slice(k * size, (k + 1) * size), db);
        return () => {
          if (this.ids === ids) this.setPage(k, rows); // else read by ids read again meanwhile
        };
      };
    }
    const k = this.pageToRead();
    if (k === null) return null;
    const after = k > 0 ? this.ends.get(k - 1) : undefined;
    // the first page of a list without a date range comes with its count (counters: one row)
    const withCount = !this.ready && q.from === null && q.to === null;
    const first = !this.ready;
    // a total read since the last refresh only: the position is counted from the other end with it
    const total = this.exactGen === this.gen ? (this.exact ?? undefined) : undefined;
    return async () => {
      const revision = first ? await historyRevision(db) : undefined;
      const [rows, n] = await Promise.all([
        queryHistoryRange(q, after ? { after } : { offset: k * size, total }, size, db),
        withCount ? countHistoryRange(q, db) : null,
      ]);
      return () => {
        if (revision !== undefined) this.revision = revision;
        if (n !== null) {
          this.exact = n;
          this.exactGen = this.gen;
        }
        this.setPage(k, rows);
      };
    };
  }

  /** Rows found in order from the top in pages read since the last refresh. */
  private contiguousFresh(): number {
    let n = 0;
    for (let k = 0; ; k++) {
      const p = this.pages.get(k);
      if (!p || this.stale.has(k)) return n;
      n += p.length;
      if (p.length < this.size) return n;
    }
  }

  /** The first page wanted and not read (page 0 first), within the total when it is known. */
  private pageToRead(): number | null {
    if (!this.ready) return 0;
    const pages = this.exact === null ? Infinity : Math.ceil(this.exact / this.size);
    for (let k = this.wanted.first; k <= this.wanted.last && k < pages; k++) if (this.needs(k)) return k;
    return null;
  }
}
