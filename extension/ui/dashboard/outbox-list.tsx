// Sends that have not gone out yet (waiting for the server, or failed), with Retry.
import { sendToBackground, useOpenSends } from '@/data/reads';
import { SendStatusLine } from '../components/send-status-line';

export function OutboxList() {
  const rows = useOpenSends();
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
