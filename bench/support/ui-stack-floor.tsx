// The third baseline of the dashboard's first render (ui-baselines.ts): the product's stack and
// nothing of the product — React DOM and Dexie loaded, the 20 latest sends read with Dexie from
// the same store and index, rendered by React into a table. The dashboard's figure minus this
// one is what the dashboard's own code costs; this one minus the bare read is what the stack
// the design fixes (React, Dexie) costs.
import Dexie from 'dexie';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { HistoryRowLocal } from '../../extension/db/types';
import { CHANNEL_LABELS } from '../../shared/channel-labels';

type Row = Pick<
  HistoryRowLocal,
  'id' | 'sentAt' | 'recipientName' | 'companyName' | 'jobTitle' | 'channel' | 'status'
>;

function Rows({ rows }: { rows: Row[] }) {
  if (!rows.length) return <p>Nothing sent yet</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          {['Time', 'Recruiter', 'Company', 'Job or role', 'Channel', 'Status'].map((c) => (
            <th key={c}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="attempt-row">
            <td>{new Date(r.sentAt).toLocaleString()}</td>
            <td>{r.recipientName}</td>
            <td>{r.companyName ?? '—'}</td>
            <td>{r.jobTitle ?? ''}</td>
            <td>{CHANNEL_LABELS[r.channel]}</td>
            <td>{r.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// dynamic mode: Dexie opens the database at its current version with the stores it has, and
// knows its tables once it is open
const db = new Dexie('reachlog');
void db
  .open()
  .then(() => db.table<Row>('history').orderBy('sentAt').reverse().limit(20).toArray())
  .then((rows) =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <Rows rows={rows} />
      </StrictMode>,
    ),
  );
