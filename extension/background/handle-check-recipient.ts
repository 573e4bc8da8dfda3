import { canonicalJobUrl, canonicalProfileUrl } from '@@/shared/linkedin-url';
import { explainError } from '@/api/errors';
import { queryRecipientHistory } from '@/data/queries';
import type { HistoryRowLocal } from '@/db/types';
import type { RecipientCheck } from '@/messaging/protocol';
import { toLocalHistory } from '@/sync/history-row';
import { sessionGeneration, writeInSession } from '@/db/session-generation';
import type { BackgroundContext } from './context';
import { UserError } from './handle-auth';

interface Query {
  linkedinUrl?: string;
  email?: string;
  jobUrl?: string;
}

function canonical(q: Query) {
  return {
    linkedinUrl: (q.linkedinUrl && canonicalProfileUrl(q.linkedinUrl)) || undefined,
    email: q.email?.trim().toLowerCase() || undefined,
    jobUrl: (q.jobUrl && canonicalJobUrl(q.jobUrl)) || undefined,
  };
}

export function recipientCheckKey(q: Query): string {
  const c = canonical(q);
  return JSON.stringify([c.linkedinUrl ?? null, c.email ?? null, c.jobUrl ?? null]);
}

const newestFirst = (a: HistoryRowLocal, b: HistoryRowLocal) => b.sentAt - a.sentAt || b.id - a.id;

/**
 * "Already contacted?": the server's answer when it can be asked (kept for offline use), else
 * the last answer kept here merged with this browser's history copy, marked cached.
 */
export async function handleCheckRecipient(ctx: BackgroundContext, q: Query): Promise<RecipientCheck> {
  const input = canonical(q);
  if (!input.linkedinUrl && !input.email && !input.jobUrl) {
    throw new UserError('Give a LinkedIn profile URL, an e-mail or a LinkedIn job URL.');
  }
  const key = recipientCheckKey(q);
  const { database } = ctx;
  const api = await ctx.getApi();
  let unreachable: string | undefined;
  if (api) {
    const generation = await sessionGeneration(database);
    try {
      const rows = (await api.historyForRecipient(input)).map(toLocalHistory);
      const checkedAt = ctx.now();
      // dropped if the user signed out while the server answered
      await writeInSession(database, generation, [database.history, database.recipientChecks], async () => {
        await database.history.bulkPut(rows);
        await database.recipientChecks.put({ key, historyIds: rows.map((r) => r.id), checkedAt });
      });
      return { rows: rows.sort(newestFirst), cached: false, checkedAt };
    } catch (error) {
      const info = explainError(error, 'check');
      if (info.kind === 'rejected') throw new UserError(info.message);
      // unreachable or session gone: answer from what this browser knows
      if (info.kind === 'network') unreachable = info.message;
    }
  }
  const check = await database.recipientChecks.get(key);
  const fromCheck = check
    ? (await database.history.bulkGet(check.historyIds)).filter((r): r is HistoryRowLocal => !!r)
    : [];
  const local = await queryRecipientHistory(input, database);
  const byId = new Map<number, HistoryRowLocal>();
  for (const r of [...fromCheck, ...local]) byId.set(r.id, r);
  return {
    rows: [...byId.values()].sort(newestFirst),
    cached: true,
    checkedAt: check?.checkedAt ?? null,
    ...(unreachable ? { unreachable } : {}),
  };
}
