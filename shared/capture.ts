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

/**
 * One message of the open conversation: when and which way, never its text. `at` is null when the
 * page does not say when (no day heading or clock above it, a date format not understood).
 */
export interface ConversationMessage {
  at: string | null;
  fromMe: boolean;
}

/**
 * The open conversation (the /messaging/ thread, or an open overlay bubble on any page), in the
 * order the page shows it (oldest first). Messages whose sender cannot be told are left out.
 */
export interface Conversation {
  /** the other person's canonical profile URL; null in a group or when the page shows none */
  partnerProfileUrl: string | null;
  isGroup: boolean;
  messages: ConversationMessage[];
}

export interface Capture {
  pageType: PageType;
  url: string;
  people: Person[];
  job: Job | null;
  /** Present only when a conversation is open (contract addition, docs/capture.md). */
  conversation?: Conversation;
  /**
   * Which strategy produced each field, for a debug view ("top card", "headline", "experience
   * section", …). Keys are field paths (see `sourceKey`); a field that was not found has no key.
   * Absent when nothing was found.
   */
  sources?: Record<string, string>;
}

export type PersonField = keyof Person;
export type JobField = keyof Job;

/**
 * The `sources` key of a person's field: `person.<field>` when the capture has exactly one person
 * (profile, conversation, a job with one hirer), else `people[<index>].<field>`.
 */
export function sourceKey(capture: Pick<Capture, 'people'>, index: number, field: PersonField): string {
  return capture.people.length === 1 ? `person.${field}` : `people[${index}].${field}`;
}

/** The `sources` key of a job field: `job.<field>`. */
export function jobSourceKey(field: JobField): string {
  return `job.${field}`;
}
