// The LinkedIn side panel: the active tab's capture, earlier sends, the draft editor.
import { useState } from 'react';
import { canonicalJobUrl, canonicalProfileUrl } from '@@/shared/linkedin-url';
import {
  unreadProfileOwner,
  useActiveCapture,
  useCorrectedPerson,
  useKeepBackgroundAwake,
  useNotUnderstood,
  usePriorSends,
  useSetting,
} from '@/data';
import { useApplyTheme } from '../hooks/use-theme';
import { openDashboard } from '../lib/navigation';
import { Brand } from '../components/brand';
import { SyncStatusLine } from '../components/sync-status';
import { Chip } from '../components/chip';
import { EmptyState } from '../components/empty-state';
import { PersonCard } from '../components/person-card';
import { SignInBanner } from '../components/sign-in-banner';
import { AlreadyContacted } from './already-contacted';
import { CaptureSources } from './capture-sources';
import { PersonDetails } from './person-details';
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
  const index = Math.min(picked, people.length - 1);
  // A profile (or one of its sub-pages) always has a person: none read means the reader is lost.
  const notUnderstood =
    !!capture &&
    people.length === 0 &&
    (capture.pageType === 'profile' || !!canonicalProfileUrl(capture.url));
  const readerPerson = people[index] ?? (notUnderstood ? unreadProfileOwner(capture.url) : null);
  // the user's corrections of this profile win over the reader, everywhere below
  const corrected = useCorrectedPerson(readerPerson);
  const lost = useNotUnderstood();
  const person = corrected?.person ?? null;
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
          {notUnderstood ? (
            <div
              className="banner warn stack tight"
              data-testid="not-understood"
              style={{ display: 'block' }}
            >
              <b>This page was not understood.</b> Reachlog could not read who this profile belongs to. Type
              the name below: it is kept for this profile.
              {lost && lost.count > 0 ? (
                <div className="small" data-testid="not-understood-count">
                  Pages not understood on this computer so far: {lost.count}.
                </div>
              ) : null}
            </div>
          ) : null}
          {corrected ? (
            <>
              {person?.name ? (
                <div className="card">
                  <PersonCard person={corrected.person} />
                </div>
              ) : null}
              <PersonDetails key={corrected.contactId ?? corrected.reader.name} corrected={corrected} />
            </>
          ) : null}
          {person?.name ? (
            <>
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
          ) : readerPerson ? null : (
            <EmptyState title="No one to write to on this page">
              {capture.job
                ? 'This job does not show its hiring team. Open the recruiter’s profile to write to them.'
                : 'Open a profile, a conversation or a job with its hiring team.'}
            </EmptyState>
          )}
          <CaptureSources capture={capture} personIndex={Math.max(index, 0)} />
        </>
      )}
    </main>
  );
}
