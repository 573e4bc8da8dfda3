// The LinkedIn side panel: the active tab's capture, earlier sends, the draft editor.
import { useState } from 'react';
import { canonicalJobUrl, canonicalProfileUrl } from '@@/shared/linkedin-url';
import { useActiveCapture, useKeepBackgroundAwake, usePriorSends, useSetting } from '@/data';
import { useApplyTheme } from '../hooks/use-theme';
import { openDashboard } from '../lib/navigation';
import { Brand } from '../components/brand';
import { SyncStatusLine } from '../components/sync-status';
import { Chip } from '../components/chip';
import { EmptyState } from '../components/empty-state';
import { PersonCard } from '../components/person-card';
import { SignInBanner } from '../components/sign-in-banner';
import { AlreadyContacted } from './already-contacted';
import { ContactStatusPicker } from '../components/contact-status';
import { DraftEditor } from './draft-editor';
import { JobCard } from './job-card';
import { PeoplePicker } from './people-picker';
import { LinkedinWeek } from '../components/pipeline-widgets';

const PAGE_HINT: Record<string, string> = {
  profile: 'Profile',
  job: 'Job posting',
  messaging: 'Conversation',
  search: 'Search results',
  company: 'Company',
  unknown: 'LinkedIn page',
};

export function SidePanelApp() {
  useApplyTheme();
  useKeepBackgroundAwake();
  const active = useActiveCapture();
  const session = useSetting('session');
  const capture = active?.row?.capture ?? null;
  // The pick belongs to one page: another page starts again at its first person.
  const [pickedOn, setPickedOn] = useState<{ url: string; index: number } | null>(null);
  const picked = pickedOn && pickedOn.url === capture?.url ? pickedOn.index : 0;
  const setPicked = (index: number) => capture && setPickedOn({ url: capture.url, index });

  const people = capture?.people ?? [];
  const person = people[Math.min(picked, people.length - 1)] ?? null;
  const prior = usePriorSends({
    linkedinUrl: person?.linkedinUrl ? canonicalProfileUrl(person.linkedinUrl) : null,
    email: person?.email ?? null,
    jobUrl: capture?.job ? canonicalJobUrl(capture.job.url) : null,
  });

  return (
    <main className="panel" data-testid="sidepanel">
      <header className="panel-header">
        <Brand />
        <span className="spacer" />
        {session ? (
          <span className="small muted truncate" style={{ maxWidth: 180 }} title={session.user.email}>
            {session.user.email}
          </span>
        ) : null}
        <button className="btn small ghost" onClick={() => void openDashboard()}>
          Dashboard
        </button>
      </header>
      <div className="row small" style={{ marginTop: -4 }}>
        <SyncStatusLine />
      </div>

      {session === null ? <SignInBanner /> : null}

      {active === undefined ? null : !capture ? (
        active.source === 'reading' ? (
          <EmptyState title="Reading this page…">If nothing shows, reload the LinkedIn tab.</EmptyState>
        ) : (
          <EmptyState title="Open a LinkedIn page">
            Visit a profile, a job, a conversation or a search on LinkedIn: the people on it show up here,
            ready for a draft.
          </EmptyState>
        )
      ) : (
        <>
          <div className="row small muted" data-testid="capture-source">
            <Chip tone="info">{PAGE_HINT[capture.pageType] ?? 'LinkedIn page'}</Chip>
            <span className="faint">
              {active.source === 'recent' ? 'from your last LinkedIn tab' : 'on this tab'}
            </span>
          </div>
          {capture.job ? <JobCard job={capture.job} /> : null}
          {people.length > 1 ? <PeoplePicker people={people} selected={picked} onSelect={setPicked} /> : null}
          {person ? (
            <>
              <div className="card">
                <PersonCard person={person} />
              </div>
              <section className="stack tight">
                <h3>Earlier messages</h3>
                <ContactStatusPicker person={person} />
                <LinkedinWeek />
                <AlreadyContacted name={person.name} prior={prior} />
              </section>
              <DraftEditor
                key={`${person.linkedinUrl ?? person.email ?? person.name}`}
                person={person}
                job={capture.job}
                pageType={capture.pageType}
                tabId={active.row?.tabId ?? null}
                signedIn={!!session}
                prior={prior}
              />
            </>
          ) : (
            <EmptyState title="No one to write to on this page">
              {capture.job
                ? 'This job does not show its hiring team. Open the recruiter’s profile to write to them.'
                : 'Open a profile, a conversation or a job with its hiring team.'}
            </EmptyState>
          )}
        </>
      )}
    </main>
  );
}
