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
}
