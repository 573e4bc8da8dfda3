// Sends that have not gone out yet (waiting for the server, or failed), with Retry.
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/db/database';
import { sendToBackground } from '@/messaging/send-to-background';
import { SendStatusLine } from '../components/send-status-line';

export function OutboxList() {
  const rows = useLiveQuery(
    () => db.outbox.where('state').anyOf('waiting', 'sending', 'failed').sortBy('createdAt'),
    [],
  );
  if (!rows?.length) return null;
  return (
    <section className="card stack" data-testid="outbox-list">
      <h2>Not sent yet</h2>
      {rows.map((r) => (
        <div key={r.id} className="stack tight">
          <div style={{ fontWeight: 500 }}>{r.recipientName}</div>
          <SendStatusLine row={r} onRetry={(id) => void sendToBackground({ type: 'retry-outbox', id })} />
        </div>
      ))}
    </section>
  );
}
