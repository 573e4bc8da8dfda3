// Small DOM helpers shared by the readers. A selector the DOM implementation rejects counts as
// "no match" so one odd selector never breaks a read.
import { DECOY } from './selectors';

export type Root = ParentNode;

export function all(root: Root | null | undefined, selector: string): Element[] {
  if (!root) return [];
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** First element matching the selectors, tried in order (not document order), that passes `ok`. */
export function first(
  root: Root | null | undefined,
  selectors: readonly string[],
  ok: (el: Element) => boolean = () => true,
): Element | null {
  if (!root) return null;
  for (const selector of selectors) {
    for (const el of all(root, selector)) if (ok(el)) return el;
  }
  return null;
}

export function closest(el: Element | null | undefined, selector: string): Element | null {
  if (!el) return null;
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}

export function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** Inside an ad, a JSON blob, the global nav, the overlay, the right rail or the footer. */
export function inDecoy(el: Element, extra?: string): boolean {
  return closest(el, extra ? `${DECOY},${extra}` : DECOY) !== null;
}

export function hasClass(el: Element, name: string): boolean {
  return (el.getAttribute('class') ?? '').split(/\s+/).includes(name);
}

export function attr(el: Element | null | undefined, name: string): string | null {
  return el?.getAttribute(name) ?? null;
}

/** The nearest ancestor (or self) that is a <section>, else the topmost ancestor below `stop`. */
export function sectionOf(el: Element, stop?: Element | null): Element {
  const section = closest(el, 'section');
  if (section && (!stop || stop.contains(section))) return section;
  let cur = el;
  while (cur.parentElement && cur.parentElement !== stop && cur.parentElement.nodeName !== 'MAIN') {
    cur = cur.parentElement;
  }
  return cur;
}

/** The document of any root. */
export function docOf(root: Root): Document | null {
  const node = root as unknown as Node;
  return node.nodeType === 9 ? (node as Document) : node.ownerDocument;
}
