// Opening the extension's own pages from any view.
import { browser } from 'wxt/browser';

export type DashboardSection = 'overview' | 'drafts' | 'history' | 'stats' | 'contacts' | 'settings';

export const SECTIONS: { id: DashboardSection; label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'drafts', label: 'Drafts' },
  { id: 'history', label: 'History' },
  { id: 'stats', label: 'Stats' },
  { id: 'contacts', label: 'Contacts' },
  { id: 'settings', label: 'Settings' },
];

/** The section the URL's hash opens. */
export function readHash(): DashboardSection {
  // "#drafts/<id>" opens that draft in Drafts
  const h = location.hash.replace('#', '').split('/')[0]!;
  return SECTIONS.some((s) => s.id === h) ? (h as DashboardSection) : 'overview';
}

export async function openDashboard(section: DashboardSection = 'overview'): Promise<void> {
  const url = browser.runtime.getURL('/dashboard.html') + (section === 'overview' ? '' : `#${section}`);
  // Reuse an open dashboard tab instead of piling up new ones.
  const base = browser.runtime.getURL('/dashboard.html');
  try {
    const open = (await browser.tabs.query({})).find((t) => t.url?.startsWith(base));
    if (open?.id !== undefined) {
      await browser.tabs.update(open.id, { active: true, url });
      return;
    }
  } catch {
    // tabs.query without the tabs permission may hide URLs; fall through to a new tab
  }
  await browser.tabs.create({ url });
}
