// Message templates: `{{variable}}` placeholders filled from the capture. A placeholder the
// renderer does not know is an error for the user to fix, never text that reaches a recruiter.
import type { Job, Person } from './capture';
import { LINKEDIN_NOTE_MAX } from './schemas/outreach';

export const TEMPLATE_VARIABLES = [
  'firstName',
  'lastName',
  'fullName',
  'company',
  'jobTitle',
  'myName',
  'recruiterTitle',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVars = Partial<Record<TemplateVariable, string | null>>;

export interface RenderResult {
  /** the rendered text; unknown and missing placeholders are left out (empty) */
  text: string;
  /** placeholders that are not template variables, e.g. `{{compnay}}`, in order of first use */
  unknown: string[];
  /** known variables with no value for this recipient, in order of first use */
  missing: TemplateVariable[];
}

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

function isVariable(name: string): name is TemplateVariable {
  return KNOWN.has(name);
}

export function renderTemplate(template: string, vars: TemplateVars): RenderResult {
  const unknown: string[] = [];
  const missing: TemplateVariable[] = [];
  const text = template.replace(PLACEHOLDER, (_match, rawName: string) => {
    const name = rawName.trim();
    if (!isVariable(name)) {
      if (!unknown.includes(name)) unknown.push(name);
      return '';
    }
    const value = vars[name]?.trim();
    if (!value) {
      if (!missing.includes(name)) missing.push(name);
      return '';
    }
    return value;
  });
  return { text, unknown, missing };
}

/** `{{…}}` left in text that is about to be sent (a draft edited by hand, a template pasted in). */
export function leftoverPlaceholders(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const token = match[0];
    if (!found.includes(token)) found.push(token);
  }
  return found;
}

/** "Dr. Jane van der Berg, PhD (she/her)" → { first: "Jane", last: "van der Berg" }. */
export function splitName(fullName: string): {
  first: string | null;
  last: string | null;
  full: string | null;
} {
  const cleaned = fullName
    .replace(/\([^)]*\)/g, ' ')
    .split(',')[0]!
    .replace(/\s+/g, ' ')
    .trim();
  const words = cleaned.split(' ').filter((w) => w && !/^(mr|mrs|ms|mx|dr|prof)\.?$/i.test(w));
  if (words.length === 0) return { first: null, last: null, full: null };
  const [first, ...rest] = words;
  return { first: first ?? null, last: rest.length ? rest.join(' ') : null, full: words.join(' ') };
}

export function varsFromCapture(
  person: Pick<Person, 'name' | 'title' | 'company'> | null,
  job: Pick<Job, 'title' | 'company'> | null,
  myName: string | null,
): TemplateVars {
  const name = person ? splitName(person.name) : { first: null, last: null, full: null };
  return {
    firstName: name.first,
    lastName: name.last,
    fullName: name.full,
    company: job?.company ?? person?.company ?? null,
    jobTitle: job?.title ?? null,
    myName: myName?.trim() || null,
    recruiterTitle: person?.title ?? null,
  };
}

export interface NoteCount {
  length: number;
  max: number;
  remaining: number;
  over: boolean;
}

/** LinkedIn's connection note limit; counted in UTF-16 units like the page's own field. */
export function linkedinNoteCount(text: string, max: number = LINKEDIN_NOTE_MAX): NoteCount {
  const length = text.length;
  return { length, max, remaining: max - length, over: length > max };
}
