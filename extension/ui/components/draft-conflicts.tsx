// What another browser did to this draft at the same time, and what the user can do about it:
// the same field edited in two browsers (the later edit is the draft's; the other is kept here,
// with Restore), or the draft deleted in another browser (with Restore, and Discard when edits
// were made after the delete). Nothing typed disappears without one of these notices.
import { OUTREACH_FIELD_LABELS, type TOutreachContent } from '@@/shared/schemas/outreach-content';
import { resolveDraftConflict, restoreDraft, useSetting } from '@/data';
import type { DraftRow } from '@/db/types';
import { formatAgo } from '../lib/format';

/** `shown`: what the open editor holds (restoring keeps it, even if it could not be saved). */
export function DraftConflicts({ draft, shown }: { draft: DraftRow; shown?: Partial<TOutreachContent> }) {
  const me = useSetting('syncClientId');
  const fieldConflicts = draft.conflicts.filter((c) => c.kind === 'field');
  const editedAfterDelete = draft.conflicts.find((c) => c.kind === 'edited-after-delete');
  return (
    <>
      {draft.deleted ? (
        <div className="banner warn stack tight" role="alert" data-testid="draft-deleted-elsewhere">
          <span>
            <b>This draft was deleted</b>
            {editedAfterDelete
              ? editedAfterDelete.clientId === me
                ? ' in another browser. Your edits made here afterwards are kept on it.'
                : ` in one browser and edited in another afterwards (${formatAgo(editedAfterDelete.at)}). The edits are kept.`
              : '.'}{' '}
            It stays deleted unless you restore it.
          </span>
          <div className="row">
            <button
              className="btn small"
              onClick={() => void restoreDraft(draft.id, undefined, shown)}
              data-testid="draft-restore"
            >
              Restore draft
            </button>
            {editedAfterDelete ? (
              <button
                className="btn small ghost"
                onClick={() => void resolveDraftConflict(draft.id, editedAfterDelete.id, false)}
                data-testid="draft-discard"
              >
                Discard
              </button>
            ) : null}
          </div>
        </div>
      ) : null}
      {fieldConflicts.map((c) => {
        const label = OUTREACH_FIELD_LABELS[c.field];
        const mine = c.clientId === me;
        return (
          <div
            key={c.id}
            className="banner warn stack tight"
            data-testid="draft-conflict"
            data-field={c.field}
          >
            <span>
              {mine ? (
                <>
                  Your edit of {label} here was replaced by an edit made in another browser at the same time.
                </>
              ) : (
                <>
                  {label[0]!.toUpperCase() + label.slice(1)} was also edited in another browser at the same
                  time; this version is the later one.
                </>
              )}{' '}
              {mine ? 'Yours' : 'The other'} ({formatAgo(c.at)}):
            </span>
            <pre className="conflict-text" data-testid="conflict-value">
              {c.value ?? '(empty)'}
            </pre>
            <div className="row">
              <button
                className="btn small"
                onClick={() => void resolveDraftConflict(draft.id, c.id, true)}
                data-testid="conflict-restore"
              >
                {mine ? 'Restore yours' : 'Use that version'}
              </button>
              <button
                className="btn small ghost"
                onClick={() => void resolveDraftConflict(draft.id, c.id, false)}
                data-testid="conflict-dismiss"
              >
                Keep this one
              </button>
            </div>
          </div>
        );
      })}
    </>
  );
}
