// The "open" first messages, kept with the history (in the same transaction as every write to
// it, by history-index.ts's middleware) so that follow-ups due are read from an index of the
// sends that can come due, never by reading the whole history (docs/extension.md).
//
// A row is open when dueFollowUps (shared/pipeline/follow-ups.ts) would list it once enough time
// has passed, leaving out the person's status: sent, not a follow-up, no reply, no follow-up of
// its own, and nothing sent to or heard from its person since. Only that person's rows (and the
// row a follow-up points to) decide it, so a write re-decides the people it touches only.
import type { DBCoreTable, DBCoreTransaction } from 'dexie';
import { personOf } from '@@/shared/pipeline/follow-ups';
import { contactIdFor } from './contacts';
import type { HistoryRowLocal } from './types';

export const OPEN = 'historyOpen';

export interface HistoryOpenRow {
  id: number;
  sentAt: number;
  /** the contact ids the row is found under (by LinkedIn URL, by e-mail): a person's status closes it */
  keys: string[];
}

/** The contact ids a history row's person can have: by canonical LinkedIn URL, by e-mail. */
export function rowContactKeys(
  r: Pick<HistoryRowLocal, 'recipientLinkedinUrl' | 'recipientEmail'>,
): string[] {
  const keys = [
    contactIdFor({ linkedinUrl: r.recipientLinkedinUrl, email: null }),
    contactIdFor({ linkedinUrl: null, email: r.recipientEmail }),
  ];
  return keys.filter((k): k is string => k !== null);
}

export const openRow = (r: HistoryRowLocal): HistoryOpenRow => ({
  id: r.id,
  sentAt: r.sentAt,
  keys: rowContactKeys(r),
});

/**
 * The open rows among one person's rows (all of them, any status; for rows with no person, the
 * row alone). `followedUp`: ids that a sent follow-up points to.
 */
export function openAmong(
  rows: readonly HistoryRowLocal[],
  followedUp: ReadonlySet<number>,
): HistoryRowLocal[] {
  const sent = rows.filter((r) => r.status === 'sent');
  const lastTouch = Math.max(0, ...sent.map((r) => Math.max(r.sentAt, r.repliedAt ?? 0)));
  return sent.filter(
    (r) => !r.followUpOf && !r.repliedAt && !followedUp.has(r.id) && (!personOf(r) || lastTouch <= r.sentAt),
  );
}

/** The open rows of a whole history at once (the upgrade that builds the index; tests). */
export function openRows(rows: readonly HistoryRowLocal[]): HistoryRowLocal[] {
  const followedUp = new Set(
    rows.flatMap((r) => (r.status === 'sent' && r.followUpOf ? [r.followUpOf] : [])),
  );
  const byPerson = new Map<string, HistoryRowLocal[]>();
  const alone: HistoryRowLocal[] = [];
  for (const r of rows) {
    const p = personOf(r);
    if (!p) alone.push(r);
    else byPerson.set(p, [...(byPerson.get(p) ?? []), r]);
  }
  return [
    ...alone.flatMap((r) => openAmong([r], followedUp)),
    ...[...byPerson.values()].flatMap((rs) => openAmong(rs, followedUp)),
  ];
}

const equal = (key: unknown) => ({
  type: 1 as const,
  lower: key,
  upper: key,
  lowerOpen: false,
  upperOpen: false,
});

/**
 * Re-decides the open rows of the people of `touched` (rows as they were and as they are now,
 * and rows a follow-up among them points to), after the history write. Runs in its transaction.
 * Returns the open rows it removed and those it wrote, for the per-day counters (history-index.ts).
 */
export async function refreshOpen(
  history: DBCoreTable,
  open: DBCoreTable,
  trans: DBCoreTransaction,
  touched: readonly HistoryRowLocal[],
): Promise<{ removed: HistoryOpenRow[]; added: HistoryOpenRow[] }> {
  const byIndex = async (keyPath: string, key: unknown) =>
    (
      await history.query({
        trans,
        values: true,
        query: { index: history.schema.getIndexByKeyPath(keyPath)!, range: equal(key) },
      })
    ).result as HistoryRowLocal[];

  // the rows follow-ups point to: their person's open rows change with the follow-up
  const targets = [...new Set(touched.flatMap((r) => (r.followUpOf ? [r.followUpOf] : [])))];
  const pointed = targets.length
    ? ((await history.getMany({ trans, keys: targets })) as (HistoryRowLocal | undefined)[])
    : [];
  const people = new Map<string, HistoryRowLocal>();
  const lone = new Set<number>();
  for (const r of [...touched, ...pointed]) {
    if (!r) continue;
    const p = personOf(r);
    if (!p) lone.add(r.id);
    else people.set(p, r);
  }

  // every row of each person, as the history holds them now (the written rows included)
  const groups = await Promise.all([
    ...[...people].map(async ([p, r]) =>
      p.startsWith('mailto:')
        ? (await byIndex('recipientEmail', r.recipientEmail)).filter((x) => x.recipientLinkedinUrl === null)
        : byIndex('recipientLinkedinUrl', r.recipientLinkedinUrl),
    ),
    ...[...lone].map(async (id) => {
      const row = (await history.get({ trans, key: id })) as HistoryRowLocal | undefined;
      return row && !personOf(row) ? [row] : [];
    }),
  ]);
  const rows = groups.flat();
  const followers = await Promise.all(rows.map((r) => byIndex('followUpOf', r.id)));
  const followedUp = new Set(
    rows.filter((_, i) => followers[i]!.some((f) => f.status === 'sent')).map((r) => r.id),
  );
  const nowOpen = groups.flatMap((g) => openAmong(g, followedUp));

  // every id decided here (the person's rows, and the touched rows, some perhaps deleted)
  const decided = [...new Set([...rows.map((r) => r.id), ...touched.map((r) => r.id), ...lone])];
  const removed = decided.length
    ? ((await open.getMany({ trans, keys: decided })) as (HistoryOpenRow | undefined)[]).filter(
        (o): o is HistoryOpenRow => !!o,
      )
    : [];
  if (decided.length) await open.mutate({ type: 'delete', trans, keys: decided });
  const added = nowOpen.map(openRow);
  if (added.length) await open.mutate({ type: 'put', trans, values: added, keys: added.map((r) => r.id) });
  return { removed, added };
}
