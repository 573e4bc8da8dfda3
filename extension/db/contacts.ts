import type { Capture, Person } from '@@/shared/capture';
import { canonicalProfileUrl } from '@@/shared/linkedin-url';
import { db as defaultDb, type ReachlogDb } from './database';
import type { ContactJob, ContactRow } from './types';

/** One contact per canonical LinkedIn URL, else per e-mail; null when the person has neither. */
export function contactIdFor(person: Pick<Person, 'linkedinUrl' | 'email'>): string | null {
  const url = person.linkedinUrl ? canonicalProfileUrl(person.linkedinUrl) : null;
  if (url) return url;
  const email = person.email?.trim().toLowerCase();
  return email ? `mailto:${email}` : null;
}

function mergeJobs(jobs: ContactJob[], job: ContactJob | null): ContactJob[] {
  if (!job) return jobs;
  const rest = jobs.filter((j) => j.jobId !== job.jobId);
  return [job, ...rest];
}

/**
 * Records the people of a capture. Known fields are never overwritten by a page that does not
 * show them (null), and the capture's job is added to each person's jobs (newest first).
 */
export async function upsertContactsFromCapture(
  capture: Capture,
  now: number = Date.now(),
  database: ReachlogDb = defaultDb,
): Promise<ContactRow[]> {
  const job: ContactJob | null = capture.job
    ? {
        jobId: capture.job.jobId,
        url: capture.job.url,
        title: capture.job.title,
        company: capture.job.company,
        seenAt: now,
      }
    : null;
  return database.transaction('rw', database.contacts, async () => {
    const saved: ContactRow[] = [];
    for (const person of capture.people) {
      const id = contactIdFor(person);
      if (!id) continue;
      const current = await database.contacts.get(id);
      const next: ContactRow = current
        ? {
            ...current,
            name: person.name || current.name,
            linkedinUrl: person.linkedinUrl ?? current.linkedinUrl,
            headline: person.headline ?? current.headline,
            title: person.title ?? current.title,
            company: person.company ?? current.company,
            email: person.email ?? current.email,
            location: person.location ?? current.location,
            jobs: mergeJobs(current.jobs, job),
            lastSeenAt: now,
          }
        : { ...person, id, jobs: job ? [job] : [], firstSeenAt: now, lastSeenAt: now };
      await database.contacts.put(next);
      saved.push(next);
    }
    return saved;
  });
}
