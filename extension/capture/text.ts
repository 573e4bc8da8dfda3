// Reading text the way a sighted user sees it, and cleaning names. Works on any DOM
// implementation (browser, happy-dom): only nodeType/nodeName/attributes are used, never
// instanceof, innerText or layout.

const ELEMENT = 1;
const TEXT = 3;

/** Never visible as text. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'CODE',
  'SVG',
  'LI-ICON',
  'IMG',
  'IFRAME',
  'BUTTON',
  'INPUT',
  'TEXTAREA',
  'SELECT',
]);
/** Start a new line: LinkedIn stacks these vertically. */
const BLOCK_TAGS = new Set([
  'DIV',
  'P',
  'LI',
  'UL',
  'OL',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'BR',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'A',
  'TIME',
  'TR',
  'TD',
  'DL',
  'DT',
  'DD',
]);
const HIDDEN_CLASS = /(?:^|\s)(?:visually-hidden|a11y-text|sr-only|screen-reader-text)(?:\s|$)/;

export interface TextOptions {
  /** Keep button text (the top card's current-company entry is a button). */
  keepButtons?: boolean;
}

function isScreenReaderOnly(el: Element): boolean {
  const cls = el.getAttribute('class');
  if (cls && HIDDEN_CLASS.test(cls)) return true;
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style');
  return !!style && /display\s*:\s*none/i.test(style);
}

function rawText(el: Node): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function walk(node: Node, out: string[], opts: TextOptions): void {
  let skipTwin: string | null = null;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === TEXT) {
      // Newlines in the HTML source are spaces on screen; only blocks start lines.
      out.push((child.nodeValue ?? '').replace(/[\n\r\t\f]+/g, ' '));
      continue;
    }
    if (child.nodeType !== ELEMENT) continue;
    const el = child as Element;
    // LinkedIn writes most text twice: <span aria-hidden="true">X</span><span class="visually-hidden">X</span>.
    // If the class is gone, the twin right after an aria-hidden span is still a duplicate.
    const dup = skipTwin;
    skipTwin = null;
    if (dup !== null) {
      const twin = rawText(el);
      // The screen-reader twin repeats the text, sometimes wrapped ("View X's profile"); a longer
      // sibling is real content.
      if (twin.includes(dup) && twin.length <= dup.length * 3 + 24) continue;
    }
    const tag = el.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag) && !(opts.keepButtons && tag === 'BUTTON')) continue;
    if (isScreenReaderOnly(el)) continue;
    const block = BLOCK_TAGS.has(tag);
    if (block) out.push('\n');
    const start = out.length;
    walk(el, out, opts);
    if (el.getAttribute('aria-hidden') === 'true') {
      const own = clean(out.slice(start).join(' '));
      if (own) skipTwin = own;
    }
    if (block) out.push('\n');
  }
}

/** Collapses whitespace (incl. nbsp), drops zero-width marks, trims; empty → null. */
export function clean(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const s = raw
    .replace(/[\u200b\u200e\u200f\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
  return s === '' ? null : s;
}

/** The element's visible text on one line. */
export function visibleText(node: Node | null | undefined, opts: TextOptions = {}): string | null {
  if (!node) return null;
  const out: string[] = [];
  walk(node, out, opts);
  return clean(out.join(' ').replace(/\n/g, ' '));
}

/** The element's visible text, one entry per visual line (block boundary). */
export function visibleLines(node: Node | null | undefined, opts: TextOptions = {}): string[] {
  if (!node) return [];
  const out: string[] = [];
  walk(node, out, opts);
  const lines: string[] = [];
  for (const line of out.join('').split('\n')) {
    const c = clean(line);
    if (c) lines.push(c);
  }
  return lines;
}

/** Lower-case, straight apostrophes, collapsed: for comparing UI labels. */
export function labelKey(raw: string | null | undefined): string {
  return (clean(raw) ?? '').toLowerCase().replace(/[’`´]/g, "'");
}

// Pronouns people put next to (or into) their name, in the four UI languages.
const PRONOUN =
  '(?:she|her|hers|he|him|his|they|them|theirs|ze|zir|hir|xe|xem|any|elle|il|iel|lui|sie|ihr|er|ihn|ihm|dey|ella|él|elle)';
const PRONOUNS_BRACKETED = new RegExp(
  `\\s*[(\\[]\\s*${PRONOUN}(?:\\s*[/,|]\\s*${PRONOUN})*\\s*[)\\]]`,
  'giu',
);
const PRONOUNS_TRAILING = new RegExp(`[\\s,|·•-]+${PRONOUN}(?:\\s*/\\s*${PRONOUN})+\\s*$`, 'iu');
// Emoji, pictographs, dingbats (✓ ✔ ★), flags, skin tones and joiners.
const SYMBOLS = /\p{Extended_Pictographic}|\p{So}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f|\u20e3/gu;
const DEGREE_SUFFIX = /\s*[·•]\s*(?:1st|2nd|3rd\+?|1er|2e|3e\+?|[123]\.\+?|[123]º\+?)\s*$/i;
const BADGE_WORDS = /\s+(?:verified|vérifié|verifiziert|verificado|premium|#?open ?to ?work|#?hiring)\s*$/i;
const EDGE_PUNCT = /^[\s|·•,;:\-–—]+|[\s|·•,;:\-–—]+$/g;

const PRONOUN_LINE = new RegExp(`^[(\\[]?\\s*${PRONOUN}(?:\\s*[/,|]\\s*${PRONOUN})*\\s*[)\\]]?$`, 'iu');

/** "She/Her", "(il/lui)", "Elle": a line that only gives pronouns. */
export function isPronounLine(line: string): boolean {
  return PRONOUN_LINE.test(line.trim());
}

const PRONOUN_SET = new RegExp(`${PRONOUN}(?:\\s*/\\s*${PRONOUN})+`, 'giu');
const DEGREE_TOKEN =
  /[·•]?\s*(?:1st|2nd|3rd\s*\+?|1er|2e|3e(?:\s*et\s*\+|\s*\+)?|[123]\.\s*\+?|[123][º°](?:\s*y\s*más|\s*\+)?)(?=\s|$)/gi;
const DEGREE_WORDS =
  /\b(?:\d\S*\s+degree connection|relation de \S+ niveau(?: et plus)?|kontakt \S+ grades|contacto de \S+ grado)\b/gi;

/** A line next to a name that only carries pronouns, connection degree, badges or symbols. */
export function isDecorationLine(line: string): boolean {
  const rest = line
    .replace(SYMBOLS, ' ')
    .replace(PRONOUNS_BRACKETED, ' ')
    .replace(PRONOUN_SET, ' ')
    .replace(DEGREE_WORDS, ' ')
    .replace(DEGREE_TOKEN, ' ')
    .replace(/\b(?:verified|vérifié|verifiziert|verificado|premium)\b/gi, ' ')
    .replace(/[\s|·•,;:()[\]\-–—]+/g, ' ')
    .trim();
  return rest === '' || isPronounLine(rest);
}

/** A display name without pronouns, emoji, badges and degree markers; null when nothing is left. */
export function cleanName(raw: string | null | undefined): string | null {
  let s = clean(raw);
  if (!s) return null;
  s = s.normalize('NFC').replace(SYMBOLS, ' ');
  s = s.replace(PRONOUNS_BRACKETED, ' ');
  for (let i = 0; i < 3; i++) {
    const before: string = s;
    s = s
      .replace(PRONOUNS_TRAILING, '')
      .replace(DEGREE_SUFFIX, '')
      .replace(BADGE_WORDS, '')
      .replace(EDGE_PUNCT, '');
    if (s === before) break;
  }
  return clean(s.replace(EDGE_PUNCT, ''));
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/i;

/** The first e-mail address in a text, or null. */
export function findEmail(raw: string | null | undefined): string | null {
  const m = raw?.match(EMAIL);
  return m ? m[0] : null;
}
