// Filling a template into a draft. Unlike the sending path, the editor keeps unknown and
// missing placeholders in the text, so the user sees where to type; sending stays blocked
// while any `{{…}}` is left (see draftIssues).
import {
  leftoverPlaceholders,
  renderTemplate,
  TEMPLATE_VARIABLES,
  type TemplateVariable,
  type TemplateVars,
} from '@@/shared/templates';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

export interface FillResult {
  text: string;
  unknown: string[];
  missing: TemplateVariable[];
}

export function fillTemplate(template: string, vars: TemplateVars): FillResult {
  const { unknown, missing } = renderTemplate(template, vars);
  const text = template.replace(PLACEHOLDER, (match, raw: string) => {
    const name = raw.trim();
    if (!KNOWN.has(name)) return match;
    const value = vars[name as TemplateVariable]?.trim();
    return value ? value : match;
  });
  return { text, unknown, missing };
}

export interface PlaceholderIssue {
  token: string;
  name: string;
  kind: 'unknown' | 'missing';
}

/** Every `{{…}}` left in the given texts: unknown names are errors, known ones need a value typed in. */
export function placeholderIssues(...texts: (string | null | undefined)[]): PlaceholderIssue[] {
  const seen = new Set<string>();
  const out: PlaceholderIssue[] = [];
  for (const t of texts) {
    if (!t) continue;
    for (const token of leftoverPlaceholders(t)) {
      if (seen.has(token)) continue;
      seen.add(token);
      const name = token.slice(2, -2).trim();
      out.push({ token, name, kind: KNOWN.has(name) ? 'missing' : 'unknown' });
    }
  }
  return out;
}

export interface TextSegment {
  text: string;
  /** null: plain text; otherwise a placeholder still to fill in or remove */
  kind: PlaceholderIssue['kind'] | null;
}

/** The text cut at its `{{…}}` placeholders, for marking them inside the field itself. */
export function placeholderSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let at = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const start = m.index;
    if (start > at) out.push({ text: text.slice(at, start), kind: null });
    const name = (m[1] ?? '').trim();
    out.push({ text: m[0], kind: KNOWN.has(name) ? 'missing' : 'unknown' });
    at = start + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), kind: null });
  return out;
}
