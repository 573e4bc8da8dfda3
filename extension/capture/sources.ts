// Which strategy produced each field of a capture (Capture.sources), for the side panel's debug
// view. Readers attach a field → phrase map to the Person/Job objects they build; capturePage
// turns them into the capture's flat `sources` map once the people are final (deduped, ordered),
// so readers keep returning plain Person/Job values.
import type { Capture, Job, JobField, Person, PersonField } from '../../shared/capture';
import { jobSourceKey, sourceKey } from '../../shared/capture';

/** The phrases a debug view shows ("read from top card"). Short, lower-case, stable. */
export const FROM = {
  url: 'page URL',
  topCard: 'top card',
  topCardCompany: 'top card company entry',
  subPageHeader: 'sub-page header',
  nameLabel: 'photo or link label',
  lineUnderName: 'line under the name',
  lineUnderHeadline: 'line under the headline',
  besideContactInfo: 'line beside contact info',
  headline: 'headline',
  experience: 'experience section',
  contactInfo: 'contact info',
  about: 'about section',
  metadata: 'page metadata',
  jobPane: 'job detail pane',
  jobTopCard: 'job top card',
  aboutCompany: 'about the company',
  hiringTeam: 'hiring team card',
  searchCard: 'search result card',
  currentLine: 'current role line',
  conversationHeader: 'conversation header',
  conversationCard: 'conversation profile card',
  conversationLabel: 'conversation label',
} as const;

export type PersonSources = Partial<Record<PersonField, string>>;
export type JobSources = Partial<Record<JobField, string>>;

const personSources = new WeakMap<Person, PersonSources>();
const jobSources = new WeakMap<Job, JobSources>();

/** Attaches the sources of a person's fields (only fields that have a value are kept). */
export function withSources(person: Person, sources: PersonSources): Person {
  personSources.set(person, sources);
  return person;
}

export function withJobSources(job: Job, sources: JobSources): Job {
  jobSources.set(job, sources);
  return job;
}

/** The flat `sources` map of a capture's people and job; undefined when nothing was found. */
export function collectSources(
  people: readonly Person[],
  job: Job | null,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const shape = { people: people as Person[] };
  people.forEach((person, i) => {
    const s = personSources.get(person) ?? {};
    for (const [field, from] of Object.entries(s) as [PersonField, string | undefined][]) {
      if (from && person[field] !== null) out[sourceKey(shape, i, field)] = from;
    }
  });
  if (job) {
    const s = jobSources.get(job) ?? {};
    for (const [field, from] of Object.entries(s) as [JobField, string | undefined][]) {
      if (from && job[field] !== null) out[jobSourceKey(field)] = from;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** A capture without its `sources` (for comparing with a fixture's expected capture). */
export function withoutSources(capture: Capture): Capture {
  const { sources: _ignored, ...rest } = capture;
  return rest;
}
