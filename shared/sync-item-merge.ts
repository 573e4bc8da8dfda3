// How an item put changes a contact, template or settings record (pure; the server applies it,
// and the extension the same way to its own copy). A put carries
// the changed top-level keys; they replace the stored ones. A contact's `jobs` are the one
// exception: two browsers seeing the same person about different jobs both keep theirs, so the
// lists are united by jobId (the newest sighting first), and its `corrections` are merged field
// by field.
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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Corrections merge field by field; a null in the patch removes that field's correction. */
function mergeCorrections(stored: unknown, patch: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(isRecord(stored) ? stored : {}) };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete next[field];
    else next[field] = value;
  }
  return next;
}

export function mergeItemData(
  kind: TItemKind,
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const next = { ...stored, ...patch };
  if (kind === 'contact' && Array.isArray(patch.jobs))
    next.jobs = uniteJobs(stored.jobs, patch.jobs as TContactJob[]);
  if (kind === 'contact' && isRecord(patch.corrections))
    next.corrections = mergeCorrections(stored.corrections, patch.corrections);
  return next;
}
