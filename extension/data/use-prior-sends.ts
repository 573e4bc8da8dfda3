// "Already contacted": earlier sends to this person (LinkedIn URL or e-mail) or about this job.
// This browser's history answers at once (and offline); the background asks the server, which
// also knows sends made from other browsers, and reports whether its answer is cached.
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { queryRecipientHistory } from './queries';
import type { HistoryRowLocal } from '@/db/types';
import { sendToBackground } from '@/messaging/send-to-background';

export interface PriorQuery {
  linkedinUrl: string | null;
  email: string | null;
  jobUrl: string | null;
}

export interface PriorSends {
  /** sends to this person, newest first */
  person: HistoryRowLocal[];
  /** sends about this job to someone else, newest first */
  job: HistoryRowLocal[];
  check: {
    state: 'checking' | 'checked' | 'cached' | 'error';
    checkedAt: number | null;
    error: string | null;
  };
}

function mergeRows(a: readonly HistoryRowLocal[], b: readonly HistoryRowLocal[]): HistoryRowLocal[] {
  const byId = new Map<number, HistoryRowLocal>();
  for (const r of [...a, ...b]) byId.set(r.id, r);
  return [...byId.values()].sort((x, y) => y.sentAt - x.sentAt);
}

export function usePriorSends(q: PriorQuery): PriorSends | undefined {
  const { linkedinUrl, email, jobUrl } = q;
  const local = useLiveQuery(async () => {
    const [person, job] = await Promise.all([
      linkedinUrl || email ? queryRecipientHistory({ linkedinUrl, email }) : ([] as HistoryRowLocal[]),
      jobUrl ? queryRecipientHistory({ jobUrl }) : ([] as HistoryRowLocal[]),
    ]);
    return { person, job };
  }, [linkedinUrl, email, jobUrl]);

  const [remote, setRemote] = useState<{
    key: string;
    rows: HistoryRowLocal[];
    check: PriorSends['check'];
  } | null>(null);
  const key = `${linkedinUrl}|${email}|${jobUrl}`;
  useEffect(() => {
    if (!linkedinUrl && !email && !jobUrl) return;
    let alive = true;
    void sendToBackground({
      type: 'check-recipient',
      ...(linkedinUrl ? { linkedinUrl } : {}),
      ...(email ? { email } : {}),
      ...(jobUrl ? { jobUrl } : {}),
    }).then((reply) => {
      if (!alive) return;
      if (reply.ok) {
        setRemote({
          key,
          rows: reply.value.rows,
          check: {
            state: reply.value.cached ? 'cached' : 'checked',
            checkedAt: reply.value.checkedAt,
            error: reply.value.unreachable ?? null,
          },
        });
      } else {
        setRemote({ key, rows: [], check: { state: 'error', checkedAt: null, error: reply.error } });
      }
    });
    return () => {
      alive = false;
    };
  }, [key, linkedinUrl, email, jobUrl]);

  if (!local) return undefined;
  const answer = remote?.key === key ? remote : null;
  const all = mergeRows(local.person.concat(local.job), answer?.rows ?? []);
  const isPerson = (r: HistoryRowLocal) =>
    (!!linkedinUrl && r.recipientLinkedinUrl === linkedinUrl) ||
    (!!email && !!r.recipientEmail && r.recipientEmail.toLowerCase() === email.toLowerCase());
  return {
    person: all.filter(isPerson),
    job: all.filter((r) => !isPerson(r) && !!jobUrl && r.jobUrl === jobUrl),
    check: answer?.check ?? { state: 'checking', checkedAt: null, error: null },
  };
}
