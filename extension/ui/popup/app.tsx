// The toolbar popup: who is on this page, quick actions, what is waiting.
import { useEffect, useRef } from 'react';
import { browser } from 'wxt/browser';
import {
  useActiveCapture,
  useKeepBackgroundAwake,
  useOpenDraftCount,
  useSendCounts,
  useSetting,
} from '@/data';
import { useApplyTheme } from '../hooks/use-theme';
import { useSidePanelShortcut } from '../hooks/use-side-panel-shortcut';
import { openDashboard } from '../lib/navigation';
import { plural } from '../lib/format';
import { Brand } from '../components/brand';
import { SyncStatusLine } from '../components/sync-status';
import { PersonCard } from '../components/person-card';
import { FollowUpCount } from '../components/pipeline-widgets';

interface SidePanelApi {
  open(options: { windowId: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}

/** Opens the side panel (Chrome) or sidebar (Firefox). Must run inside the click handler: both need a user gesture. */
function openSidePanel(windowId: number | null): Promise<void> | null {
  const g = globalThis as unknown as {
    chrome?: { sidePanel?: SidePanelApi };
    browser?: { sidebarAction?: SidebarActionApi };
  };
  if (g.chrome?.sidePanel && windowId !== null) return g.chrome.sidePanel.open({ windowId });
  if (g.browser?.sidebarAction) return g.browser.sidebarAction.open();
  return null;
}

export function PopupApp() {
  useApplyTheme();
  useKeepBackgroundAwake();
  const active = useActiveCapture();
  const session = useSetting('session');
  const windowId = useRef<number | null>(null);
  useEffect(() => {
    void browser.windows
      .getCurrent()
      .then((w) => {
        windowId.current = w.id ?? null;
      })
      .catch(() => undefined);
  }, []);

  const shortcut = useSidePanelShortcut();
  const drafts = useOpenDraftCount();
  const sends = useSendCounts();
  const counts = drafts === undefined || !sends ? undefined : { drafts, ...sends };

  const capture = active?.row?.capture ?? null;
  const people = capture?.people ?? [];

  const newDraft = () => {
    const p = openSidePanel(windowId.current);
    if (p) void p.then(() => window.close()).catch(() => undefined);
  };

  return (
    <main className="stack" style={{ width: 360, padding: 14, gap: 14 }} data-testid="popup">
      <header className="row">
        <Brand />
        <span className="spacer" />
        <SyncStatusLine />
      </header>

      <section className="card stack tight" data-testid="popup-capture">
        {!capture ? (
          <p className="small muted">Open a LinkedIn profile, job or conversation to see who is on it.</p>
        ) : people.length === 0 ? (
          <p className="small muted">
            {capture.job
              ? `${capture.job.title} — no hiring team shown on this page.`
              : 'No one to write to on this page.'}
          </p>
        ) : (
          <>
            <PersonCard person={people[0]!} compact />
            {people.length > 1 ? (
              <p className="small muted">and {plural(people.length - 1, 'other person', 'other people')}</p>
            ) : null}
            {active?.source === 'recent' ? <p className="kbd-hint">From your last LinkedIn tab</p> : null}
          </>
        )}
      </section>

      <div className="row">
        <button className="btn primary" style={{ flex: 1 }} onClick={newDraft} data-testid="popup-new-draft">
          New draft
        </button>
        <button
          className="btn"
          style={{ flex: 1 }}
          onClick={() => void openDashboard().then(() => window.close())}
          data-testid="popup-open-dashboard"
        >
          Open dashboard
        </button>
      </div>

      {shortcut ? (
        <p className="kbd-hint" style={{ marginTop: -6 }} data-testid="popup-shortcut">
          {shortcut.key ? (
            <>
              <kbd>{shortcut.key}</kbd> opens the side panel
            </>
          ) : (
            shortcut.text
          )}
        </p>
      ) : null}

      <section className="row" style={{ gap: 8 }}>
        <button
          className="card"
          style={statStyle}
          onClick={() => void openDashboard('drafts')}
          data-testid="popup-drafts"
        >
          <span style={{ fontSize: 20, fontWeight: 600 }}>{counts?.drafts ?? '–'}</span>
          <span className="small muted">{counts?.drafts === 1 ? 'draft' : 'drafts'}</span>
        </button>
        <div className="card" style={statStyle} data-testid="popup-waiting">
          <span style={{ fontSize: 20, fontWeight: 600 }}>{counts?.waiting ?? '–'}</span>
          <span className="small muted">{counts?.waiting === 1 ? 'send waiting' : 'sends waiting'}</span>
        </div>
      </section>
      <FollowUpCount />
      {counts && counts.failed > 0 ? (
        <div className="banner danger small">
          {plural(counts.failed, 'send')} failed. Open the side panel or the drafts to retry.
        </div>
      ) : null}

      {session === null ? (
        <div className="banner info small" style={{ display: 'block' }}>
          Not signed in. Drafts stay on this computer;{' '}
          <a
            href="#"
            onClick={(e) => (e.preventDefault(), void openDashboard('settings').then(() => window.close()))}
          >
            sign in
          </a>{' '}
          to send and sync.
        </div>
      ) : session ? (
        <p className="kbd-hint truncate">Signed in as {session.user.email}</p>
      ) : null}
    </main>
  );
}

const statStyle = {
  flex: 1,
  display: 'flex',
  flexDirection: 'column' as const,
  alignItems: 'flex-start',
  gap: 0,
  padding: '8px 12px',
  textAlign: 'left' as const,
  font: 'inherit',
  color: 'inherit',
  cursor: 'default',
};
