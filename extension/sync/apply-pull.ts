// Writes one pull page into Dexie, in one transaction: the server's rows, with this browser's
// mutations the server has not applied yet put back on top (rebase), the applied ones dropped,
// and the new cookie. Nothing is written when the user signed out (or another account signed
// in) while the page was on its way.
import {
  PROFILE_ITEM_ID,
  ZContactData,
  ZTemplateData,
  type TPullResult,
  type TSyncItem,
} from '@@/shared/schemas/sync';
import type { ReachlogDb } from '@/db/database';
import { defaultTemplates } from '@/db/default-templates';
import { writeInSession } from '@/db/session-generation';
import { setSetting } from '@/db/settings';
import type { ContactRow, MutationRow, TemplateRow } from '@/db/types';
import { toLocalHistory } from './history-row';
import {
  applyDraftMutation,
  applyItemMutation,
  draftFromServer,
  draftTarget,
  itemTarget,
} from './local-apply';
import { dropApplied, pendingMutations } from './mutation-queue';

function byTarget(mutations: MutationRow[]): Map<string, MutationRow[]> {
  const map = new Map<string, MutationRow[]>();
  for (const m of mutations) {
    const list = map.get(m.target) ?? [];
    list.push(m);
    map.set(m.target, list);
  }
  return map;
}

/** The server's item payload with this browser's pending changes of it (null: deleted). */
function rebasedItem(item: TSyncItem, pending: MutationRow[] | undefined): Record<string, unknown> | null {
  let data: Record<string, unknown> | null = item.deleted ? null : item.data;
  for (const m of pending ?? []) data = applyItemMutation(data, m);
  return data;
}

/** Returns false when nothing was written (signed out meanwhile). */
export async function applyPullPage(
  database: ReachlogDb,
  page: TPullResult,
  generation: number,
  now = Date.now(),
): Promise<boolean> {
  const tables = [
    database.drafts,
    database.contacts,
    database.templates,
    database.history,
    database.mutations,
  ];
  return writeInSession(database, generation, tables, async () => {
    await dropApplied(database, page.lastMutationId);
    const pending = byTarget(await pendingMutations(database));

    if (page.reset) {
      // A full sync follows: what the server no longer has must not linger. Rows with changes
      // still to push stay (they are this browser's own).
      const keep = (target: string) => pending.has(target);
      await database.drafts.filter((d) => !keep(draftTarget(d.id))).delete();
      await database.contacts.filter((c) => !keep(itemTarget('contact', c.id))).delete();
      await database.templates.filter((t) => !keep(itemTarget('template', t.id))).delete();
      await database.templates.bulkPut(
        defaultTemplates(now).filter((t) => !keep(itemTarget('template', t.id))),
      );
      await database.history.clear();
    }

    if (page.drafts.length) {
      const local = await database.drafts.bulkGet(page.drafts.map((d) => d.id));
      const rows = page.drafts.map((d, i) => {
        let row = draftFromServer(d, local[i]?.syncError ?? null);
        // what a "Follow up" draft follows is kept on this browser's copy only (not synced)
        if (local[i]?.followUpOf) row.followUpOf = local[i]!.followUpOf;
        for (const m of pending.get(draftTarget(d.id)) ?? []) row = applyDraftMutation(row, m, now) ?? row;
        return row;
      });
      await database.drafts.bulkPut(rows);
    }

    for (const item of page.items) {
      const data = rebasedItem(item, pending.get(itemTarget(item.kind, item.id)));
      if (item.kind === 'contact') {
        const parsed = data && ZContactData.safeParse(data);
        if (parsed?.success) await database.contacts.put({ ...parsed.data, id: item.id } as ContactRow);
        else if (!data) await database.contacts.delete(item.id);
      } else if (item.kind === 'template') {
        const parsed = data && ZTemplateData.safeParse(data);
        if (parsed?.success) await database.templates.put({ ...parsed.data, id: item.id } as TemplateRow);
        else if (!data) await database.templates.delete(item.id);
      } else if (item.kind === 'settings' && item.id === PROFILE_ITEM_ID) {
        if (data && typeof data.myName === 'string') await setSetting('myName', data.myName, database);
      }
    }

    if (page.history.length) await database.history.bulkPut(page.history.map(toLocalHistory));
    await setSetting('syncCookie', page.cookie, database);
  });
}
