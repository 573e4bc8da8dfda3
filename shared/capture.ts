// The page reader's output, exactly as the capture contract fixes it.

export type PageType = 'profile' | 'job' | 'messaging' | 'search' | 'company' | 'unknown';

export interface Person {
  name: string;
  linkedinUrl: string | null;
  headline: string | null;
  title: string | null;
  company: string | null;
  email: string | null;
  location: string | null;
}

export interface Job {
  jobId: string;
  url: string;
  title: string;
  company: string | null;
  location: string | null;
}

export interface Capture {
  pageType: PageType;
  url: string;
  people: Person[];
  job: Job | null;
  /**
   * Debugging aid: which strategy of the reader produced each field, by field path
   * ("person.name", "person.company", "job.title", "people[1].name"…) → a phrase such as
   * "top card". A field the reader did not find has no key. Absent from older readers.
   */
  sources?: Record<string, string>;
}
