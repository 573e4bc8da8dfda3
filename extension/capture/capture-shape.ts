// Checks that a value has the Capture contract's shape (capture.md). Used by the property tests
// and the browser test to check any output, not only the fixtures' expected ones.
import type { Capture } from '../../shared/capture';
import { ZConversation } from '../../shared/schemas/capture';

const PAGE_TYPES = new Set(['profile', 'job', 'messaging', 'search', 'company', 'unknown']);

function cleanText(v: unknown): boolean {
  return typeof v === 'string' && v.length > 0 && v === v.trim() && !/\s{2,}|[\n\t\u00a0]/.test(v);
}

function optionalText(v: unknown): boolean {
  return v === null || cleanText(v);
}

/** A list of what is wrong with `value` as a Capture; empty when it is one. */
export function captureProblems(value: unknown): string[] {
  const problems: string[] = [];
  const c = value as Partial<Capture> | null;
  if (!c || typeof c !== 'object') return ['not an object'];
  const keys = Object.keys(c)
    .filter((k) => k !== 'conversation')
    .sort()
    .join(',');
  if (keys !== 'job,pageType,people,url' && keys !== 'job,pageType,people,sources,url')
    problems.push(`keys ${keys}`);
  if ('conversation' in c) {
    const parsed = ZConversation.safeParse(c.conversation);
    if (!parsed.success) problems.push(`conversation ${parsed.error.issues[0]?.message ?? 'malformed'}`);
  }
  if (c.sources !== undefined) {
    const s = c.sources as unknown;
    if (!s || typeof s !== 'object' || !Object.keys(s).length)
      problems.push('sources empty or not an object');
    else
      for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
        if (!cleanText(v)) problems.push(`sources[${k}] ${JSON.stringify(v)}`);
        if (!sourcePathHasValue(c, k)) problems.push(`sources[${k}] names a field without a value`);
      }
  }
  if (!PAGE_TYPES.has(c.pageType as string)) problems.push(`pageType ${String(c.pageType)}`);
  if (typeof c.url !== 'string') problems.push('url not a string');
  if (!Array.isArray(c.people)) return [...problems, 'people not an array'];
  const urls = new Set<string>();
  c.people.forEach((p, i) => {
    const pk = Object.keys(p ?? {})
      .sort()
      .join(',');
    if (pk !== 'company,email,headline,linkedinUrl,location,name,title')
      problems.push(`people[${i}] keys ${pk}`);
    if (!cleanText(p.name)) problems.push(`people[${i}].name ${JSON.stringify(p.name)}`);
    for (const f of ['headline', 'title', 'company', 'email', 'location'] as const) {
      if (!optionalText(p[f])) problems.push(`people[${i}].${f} ${JSON.stringify(p[f])}`);
    }
    if (p.linkedinUrl !== null) {
      if (
        typeof p.linkedinUrl !== 'string' ||
        !/^https:\/\/www\.linkedin\.com\/in\/[^/?#]+\/$/.test(p.linkedinUrl)
      ) {
        problems.push(`people[${i}].linkedinUrl ${JSON.stringify(p.linkedinUrl)}`);
      } else if (urls.has(p.linkedinUrl)) {
        problems.push(`people[${i}] duplicate ${p.linkedinUrl}`);
      } else {
        urls.add(p.linkedinUrl);
      }
    }
  });
  if (c.job !== null) {
    const j = c.job;
    if (!j || typeof j !== 'object') problems.push('job not an object');
    else {
      if (typeof j.jobId !== 'string' || !/^\d+$/.test(j.jobId))
        problems.push(`job.jobId ${String(j.jobId)}`);
      if (j.url !== `https://www.linkedin.com/jobs/view/${j.jobId}/`)
        problems.push(`job.url ${String(j.url)}`);
      if (!cleanText(j.title)) problems.push(`job.title ${JSON.stringify(j.title)}`);
      if (!optionalText(j.company)) problems.push(`job.company ${JSON.stringify(j.company)}`);
      if (!optionalText(j.location)) problems.push(`job.location ${JSON.stringify(j.location)}`);
    }
  }
  return problems;
}

/** A sources key names a field of the capture that has a value (person.x on one-person captures). */
function sourcePathHasValue(c: Partial<Capture>, key: string): boolean {
  const m = key.match(/^(?:person|people\[(\d+)\])\.(\w+)$|^job\.(\w+)$/);
  if (!m) return false;
  if (m[3]) return !!c.job && (c.job as unknown as Record<string, unknown>)[m[3]] != null;
  const people = c.people ?? [];
  if (m[1] === undefined && people.length !== 1) return false;
  if (m[1] !== undefined && people.length === 1) return false;
  const person = people[m[1] === undefined ? 0 : Number(m[1])] as unknown as
    Record<string, unknown> | undefined;
  return !!person && m[2] !== undefined && person[m[2]] != null;
}
