// Drafts: edit, send, delete one or many. Deleting a draft never touches history.
import { useMemo, useState } from 'react';
import { deleteDraft, useDrafts, useDraftsDeletedWithEdits } from '@/data';
import type { DraftRow } from '@/db/types';
import { formatAgo, plural } from '../lib/format';
import { Chip } from '../components/chip';
import { EmptyState } from '../components/empty-state';
import { DraftForm } from './draft-form';

function DraftStatus({ d }: { d: DraftRow }) {
  if (d.status === 'sent') return <Chip tone="ok">sent</Chip>;
  if (d.conflicts.length) return <Chip tone="warn">edited elsewhere</Chip>;
  if (d.syncError) return <Chip tone="danger">not synced</Chip>;
  return <Chip>draft</Chip>;
}

export function DraftsView() {
  const drafts = useDrafts();
  const deletedWithEdits = useDraftsDeletedWithEdits();
  const [picked, setSelected] = useState<Set<string>>(new Set());
  // "#drafts/<id>" (a "Follow up" from the overview) opens that draft
  const [openId, setOpenId] = useState<string | null>(() => location.hash.split('/')[1] || null);
  const [confirming, setConfirming] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Selections of drafts that are gone (deleted elsewhere) do not count.
  const ids = useMemo(() => new Set((drafts ?? []).map((d) => d.id)), [drafts]);
  const selected = useMemo(() => new Set([...picked].filter((id) => ids.has(id))), [picked, ids]);

  if (drafts === undefined) return null;
  const open =
    openId && (drafts.some((d) => d.id === openId) || deletedWithEdits?.some((d) => d.id === openId))
      ? openId
      : null;
  const allSelected = drafts.length > 0 && selected.size === drafts.length;

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const doDelete = async (list: string[]) => {
    for (const id of list) await deleteDraft(id);
    setConfirming(null);
    setSelected(new Set());
    if (openId && list.includes(openId)) setOpenId(null);
    setNotice(`${plural(list.length, 'draft')} deleted. Your history is unchanged.`);
  };

  return (
    <div className="stack" data-testid="drafts-view">
      <div className="row">
        <h1>Drafts</h1>
        <span className="spacer" />
        {selected.size > 0 ? (
          <button
            className="btn danger"
            onClick={() => setConfirming([...selected])}
            data-testid="delete-selected"
          >
            Delete {plural(selected.size, 'draft')}
          </button>
        ) : null}
      </div>

      {confirming ? (
        <div
          className="banner warn"
          role="alertdialog"
          data-testid="confirm-delete"
          style={{ display: 'block' }}
        >
          <p>
            <b>Delete {plural(confirming.length, 'draft')}?</b> The draft text is removed from every browser.
            Messages you already sent stay in your history and in Latest attempts — deleting a draft never
            removes history.
          </p>
          <div className="row" style={{ marginTop: 8 }}>
            <button
              className="btn small danger"
              onClick={() => void doDelete(confirming)}
              data-testid="confirm-delete-yes"
            >
              Delete
            </button>
            <button className="btn small" onClick={() => setConfirming(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {notice ? (
        <div className="banner ok row" data-testid="drafts-notice">
          <span style={{ flex: 1 }}>{notice}</span>
          <button className="btn small ghost" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}

      {deletedWithEdits?.length ? (
        <div className="card stack" data-testid="deleted-with-edits">
          <h2>Deleted in one browser while edited in another</h2>
          <p className="small muted">
            These drafts were deleted in one browser while they were being edited in another. They stay
            deleted unless you restore them; the edits are kept until you decide.
          </p>
          {deletedWithEdits.map((d) => (
            <button
              key={d.id}
              className="btn small"
              onClick={() => setOpenId(d.id)}
              data-testid="deleted-draft"
            >
              {d.recipientName || 'No name'} — {d.emailSubject || d.linkedinMessage || 'Empty'}
            </button>
          ))}
        </div>
      ) : null}

      {drafts.length === 0 && !open ? (
        <div className="card">
          <EmptyState title="No drafts">
            Drafts you start in the side panel on LinkedIn are saved here as you type, even offline.
          </EmptyState>
        </div>
      ) : (
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: open ? 'minmax(280px, 1fr) minmax(360px, 1.3fr)' : '1fr',
            gap: 16,
          }}
        >
          <div className="card" style={{ padding: 0, alignSelf: 'start' }}>
            <table className="table">
              <thead>
                <tr>
                  <th style={{ width: 32 }}>
                    <input
                      type="checkbox"
                      aria-label="Select all drafts"
                      checked={allSelected}
                      onChange={() => setSelected(allSelected ? new Set() : new Set(drafts.map((d) => d.id)))}
                    />
                  </th>
                  <th>Recipient</th>
                  {!open ? <th>Company</th> : null}
                  {!open ? <th>Subject / message</th> : null}
                  <th>Edited</th>
                  <th>Status</th>
                </tr>
              </thead>
              <tbody>
                {drafts.map((d) => (
                  <tr
                    key={d.id}
                    data-testid="draft-row"
                    data-draft-id={d.id}
                    style={{
                      cursor: 'pointer',
                      background: d.id === openId ? 'var(--bg-selected)' : undefined,
                    }}
                    onClick={() => setOpenId(d.id)}
                  >
                    <td onClick={(e) => e.stopPropagation()}>
                      <input
                        type="checkbox"
                        aria-label={`Select draft to ${d.recipientName || 'no name'}`}
                        checked={selected.has(d.id)}
                        onChange={() => toggle(d.id)}
                      />
                    </td>
                    <td style={{ fontWeight: 500 }}>
                      {d.recipientName || <span className="faint">No name</span>}
                    </td>
                    {!open ? <td className="muted">{d.companyName ?? '—'}</td> : null}
                    {!open ? (
                      <td className="truncate muted" style={{ maxWidth: 320 }}>
                        {d.emailSubject || d.linkedinMessage || <span className="faint">Empty</span>}
                      </td>
                    ) : null}
                    <td className="muted small">{formatAgo(d.updatedAt)}</td>
                    <td>
                      <DraftStatus d={d} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open ? (
            <DraftForm
              key={open}
              draftId={open}
              onClose={() => setOpenId(null)}
              onDelete={() => setConfirming([open])}
            />
          ) : null}
        </div>
      )}
    </div>
  );
}
