// The words a history row is found by in the History view's search (pure): the person's name and
// e-mail, the company, the job title, the e-mail subject and the profile's slug, lower-cased and
// split on anything not a letter or digit. A query is split the same way and each of its words
// must start one of the row's words ("ingr sol" finds Ingrid Solberg).

export interface HistoryWordsSource {
  recipientName: string;
  recipientEmail: string | null;
  recipientLinkedinUrl: string | null;
  companyName: string | null;
  jobTitle: string | null;
  emailSubject: string | null;
}

const SPLIT = /[^\p{L}\p{N}]+/u;

export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(SPLIT).filter(Boolean);
}

/** The profile's slug only: every profile URL shares "https www linkedin com in". */
function profileSlug(url: string | null): string {
  const m = url ? /\/in\/([^/?#]+)/.exec(url) : null;
  if (!m) return '';
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1]!; // a malformed escape: the slug as written
  }
}

export function historyWords(row: HistoryWordsSource): string[] {
  const text = [
    row.recipientName,
    row.recipientEmail,
    profileSlug(row.recipientLinkedinUrl),
    row.companyName,
    row.jobTitle,
    row.emailSubject,
  ]
    .filter(Boolean)
    .join(' ');
  return [...new Set(wordsOf(text))];
}
