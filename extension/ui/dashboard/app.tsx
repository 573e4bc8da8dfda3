// The dashboard tab: a left nav over Overview (Latest attempts), Drafts, History, Stats,
// Contacts and Settings. The section lives in the URL hash so a link can open it.
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from 'react';
import { useKeepBackgroundAwake, useOpenDraftCount, useSetting } from '@/data/reads';
import { readHash, SECTIONS, type DashboardSection } from '../lib/navigation';
import { useApplyTheme } from '../hooks/use-theme';
import { Brand } from '../components/brand';
import { SyncStatusLine } from '../components/sync-status';
import { SignInBanner } from '../components/sign-in-banner';
import { LatestAttempts } from './latest-attempts';
import { StatTile, useStats } from './stats-view';
import { OutboxList } from './outbox-list';
import { FollowUpsDue } from '../components/pipeline-widgets';
import type { HistoryRowLocal } from '@/db/types';
import { markFirstScreenShown, useFirstScreenShown } from './first-screen';

// Only the overview is in the first chunk: the other sections (virtualized list, forms, zod for
// e-mail checks) load when opened, so the dashboard's first render parses less.
const DraftsView = lazy(() => import('./drafts-view').then((m) => ({ default: m.DraftsView })));
const HistoryView = lazy(() => import('./history-view').then((m) => ({ default: m.HistoryView })));
const StatsView = lazy(() => import('./stats-view').then((m) => ({ default: m.StatsView })));
const ContactsView = lazy(() => import('./contacts-view').then((m) => ({ default: m.ContactsView })));
const SettingsView = lazy(() => import('./settings-view').then((m) => ({ default: m.SettingsView })));

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

/** The counts above Latest attempts; '–' until the rows are on screen, then read (first-screen.ts). */
function OverviewTiles() {
  const stats = useStats();
  const drafts = useOpenDraftCount();
  return <Tiles all={stats?.all} last7Days={stats?.last7Days} drafts={drafts} />;
}

function Tiles({ all, last7Days, drafts }: { all?: number; last7Days?: number; drafts?: number }) {
  return (
    <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12 }}>
      <StatTile label="All sends" value={all ?? '–'} />
      <StatTile label="Last 7 days" value={last7Days ?? '–'} />
      <StatTile label="Open drafts" value={drafts ?? '–'} />
    </div>
  );
}

function OverviewFollowUps() {
  const myName = useSetting('myName');
  const session = useSetting('session');
  const followUp = async (first: HistoryRowLocal) => {
    // loaded on the click: it writes a draft (zod-checked), which the first chunk leaves out
    const { startFollowUp } = await import('../lib/follow-up');
    const draft = await startFollowUp(first, myName || session?.user.name || null);
    location.hash = `drafts/${draft.id}`;
  };
  return <FollowUpsDue onFollowUp={(first) => void followUp(first)} />;
}

function Overview() {
  // Latest attempts first: the other parts read once its rows are on screen (first-screen.ts);
  // follow-ups due count every open send (an index count that grows with an unanswered history)
  const latestShown = useFirstScreenShown();
  return (
    <div className="stack" style={{ gap: 16 }} data-testid="overview">
      <h1>Overview</h1>
      {latestShown ? <OverviewTiles /> : <Tiles />}
      {latestShown ? <OutboxList /> : null}
      {latestShown ? <OverviewFollowUps /> : null}
      <LatestAttempts onShown={markFirstScreenShown} />
    </div>
  );
}

/** The open drafts' count beside "Drafts" in the nav. */
function DraftsNavCount() {
  const openDrafts = useOpenDraftCount();
  return openDrafts ? <span className="nav-count">{openDrafts}</span> : null;
}

/** Keeps the background running while the page is open (its connection starts a sync). */
function KeepBackgroundAwake() {
  useKeepBackgroundAwake();
  return null;
}

export function DashboardApp() {
  useApplyTheme();
  const [section, go] = useSection();
  const session = useSetting('session');
  // a page opened on another section has no rows to wait for
  const firstShown = useFirstScreenShown();
  useEffect(() => {
    if (section !== 'overview') markFirstScreenShown();
  }, [section]);
  const [title] = useState(() => document.title);
  useEffect(() => {
    const label = SECTIONS.find((s) => s.id === section)?.label;
    document.title = `${label} · ${title}`;
  }, [section, title]);

  return (
    <div className="dash">
      {firstShown ? <KeepBackgroundAwake /> : null}
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
            {s.id === 'drafts' && firstShown ? <DraftsNavCount /> : null}
          </a>
        ))}
        <div className="spacer" />
        <div style={{ padding: '0 8px 6px' }}>{firstShown ? <SyncStatusLine /> : null}</div>
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
