// The dashboard tab: a left nav over Overview (Latest attempts), Drafts, History, Stats,
// Contacts and Settings. The section lives in the URL hash so a link can open it.
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { useKeepBackgroundAwake, useOpenDraftCount, useSetting } from '@/data/reads';
import type { DashboardSection } from '../lib/navigation';
import { useApplyTheme } from '../hooks/use-theme';
import { Brand } from '../components/brand';
import { SyncStatusLine } from '../components/sync-status';
import { SignInBanner } from '../components/sign-in-banner';
import { LatestAttempts } from './latest-attempts';
import { StatTile, useStats } from './stats-view';
import { OutboxList } from './outbox-list';
import { FollowUpsDue } from '../components/pipeline-widgets';
import type { HistoryRowLocal } from '@/db/types';

// Only the overview is in the first chunk: the other sections (virtualized list, forms, zod for
// e-mail checks) load when opened, so the dashboard's first render parses less.
const DraftsView = lazy(() => import('./drafts-view').then((m) => ({ default: m.DraftsView })));
const HistoryView = lazy(() => import('./history-view').then((m) => ({ default: m.HistoryView })));
const StatsView = lazy(() => import('./stats-view').then((m) => ({ default: m.StatsView })));
const ContactsView = lazy(() => import('./contacts-view').then((m) => ({ default: m.ContactsView })));
const SettingsView = lazy(() => import('./settings-view').then((m) => ({ default: m.SettingsView })));

const SECTIONS: { id: DashboardSection; label: string }[] = [
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

function useSection(): [DashboardSection, (s: DashboardSection) => void] {
  const section = useSyncExternalStore((cb) => {
    addEventListener('hashchange', cb);
    return () => removeEventListener('hashchange', cb);
  }, readHash);
  const go = (s: DashboardSection) => {
    location.hash = s === 'overview' ? '' : s;
  };
  return [section, go];
}

function Overview() {
  const stats = useStats();
  const myName = useSetting('myName');
  const session = useSetting('session');
  const followUp = async (first: HistoryRowLocal) => {
    // loaded on the click: it writes a draft (zod-checked), which the first chunk leaves out
    const { startFollowUp } = await import('../lib/follow-up');
    const draft = await startFollowUp(first, myName || session?.user.name || null);
    location.hash = `drafts/${draft.id}`;
  };
  const drafts = useOpenDraftCount();
  // Latest attempts first: follow-ups due count every open send (an index count that grows with
  // an unanswered history) and would share IndexedDB with its 20 rows
  const [latestShown, setLatestShown] = useState(false);
  return (
    <div className="stack" style={{ gap: 16 }} data-testid="overview">
      <h1>Overview</h1>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12 }}>
        <StatTile label="All sends" value={stats?.all ?? '–'} />
        <StatTile label="Last 7 days" value={stats?.last7Days ?? '–'} />
        <StatTile label="Open drafts" value={drafts ?? '–'} />
      </div>
      <OutboxList />
      {latestShown ? <FollowUpsDue onFollowUp={(first) => void followUp(first)} /> : null}
      <LatestAttempts onShown={() => setLatestShown(true)} />
    </div>
  );
}

export function DashboardApp() {
  useApplyTheme();
  useKeepBackgroundAwake();
  const [section, go] = useSection();
  const session = useSetting('session');
  const openDrafts = useOpenDraftCount();
  const [title] = useState(() => document.title);
  useEffect(() => {
    const label = SECTIONS.find((s) => s.id === section)?.label;
    document.title = `${label} · ${title}`;
  }, [section, title]);

  return (
    <div className="dash">
      <nav className="dash-nav" aria-label="Dashboard">
        <div style={{ padding: '4px 8px 16px' }}>
          <Brand />
        </div>
        {SECTIONS.map((s) => (
          <a
            key={s.id}
            href={s.id === 'overview' ? '#' : `#${s.id}`}
            className="nav-item"
            aria-current={section === s.id ? 'page' : undefined}
            onClick={(e) => {
              e.preventDefault();
              go(s.id);
            }}
            data-testid={`nav-${s.id}`}
          >
            <span>{s.label}</span>
            {s.id === 'drafts' && openDrafts ? <span className="nav-count">{openDrafts}</span> : null}
          </a>
        ))}
        <div className="spacer" />
        <div style={{ padding: '0 8px 6px' }}>
          <SyncStatusLine />
        </div>
        <div className="small faint" style={{ padding: '0 8px' }}>
          {session ? session.user.email : session === null ? 'Not signed in' : ''}
        </div>
      </nav>
      <main className="dash-main">
        {session === null && section !== 'settings' ? (
          <div style={{ marginBottom: 16 }}>
            <SignInBanner />
          </div>
        ) : null}
        <Suspense fallback={null}>
          {section === 'overview' ? <Overview /> : null}
          {section === 'drafts' ? <DraftsView /> : null}
          {section === 'history' ? <HistoryView /> : null}
          {section === 'stats' ? <StatsView /> : null}
          {section === 'contacts' ? <ContactsView /> : null}
          {section === 'settings' ? <SettingsView /> : null}
        </Suspense>
      </main>
    </div>
  );
}
