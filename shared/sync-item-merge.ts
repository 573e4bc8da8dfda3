// How an item put changes a contact, template or settings record (pure; the server applies it,
// and the extension the same way to its own copy). A put carries
// the changed top-level keys; they replace the stored ones. A contact's `jobs` are the one
// exception: two browsers seeing the same person about different jobs both keep theirs, so the
// lists are united by jobId (the newest sighting first).
import type { TContactJob, TItemKind } from './schemas/sync';

const MAX_JOBS = 100;

function uniteJobs(stored: unknown, incoming: TContactJob[]): TContactJob[] {
  const byId = new Map<string, TContactJob>();
  const all = [...incoming, ...(Array.isArray(stored) ? (stored as TContactJob[]) : [])];
  for (const job of all) {
    const seen = byId.get(job.jobId);
    if (!seen || job.seenAt > seen.seenAt) byId.set(job.jobId, job);
  }
  return [...byId.values()].sort((a, b) => b.seenAt - a.seenAt).slice(0, MAX_JOBS);
}

export function mergeItemData(
  kind: TItemKind,
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const next = { ...stored, ...patch };
  if (kind === 'contact' && Array.isArray(patch.jobs))
    next.jobs = uniteJobs(stored.jobs, patch.jobs as TContactJob[]);
  return next;
}
