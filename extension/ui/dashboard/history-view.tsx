// Full history: search, channel and date filters, a virtualized list (100k rows scroll
// smoothly: only the visible rows are in the DOM), a detail view and CSV/JSON export.
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useHistory, useHistoryCount } from '@/data';
import type { HistoryRowLocal } from '@/db/types';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import { CHANNELS } from '@@/shared/schemas/history';
import { EMPTY_FILTER, filterHistory, type HistoryFilter } from '../lib/history-filter';
import { downloadText, historyToCsv, historyToJson } from '../lib/export';
import { formatAttemptTime, plural } from '../lib/format';
import { Chip, HistoryStatusChip } from '../components/chip';
import { EmptyState } from '../components/empty-state';
import { HistoryDetail } from './history-detail';

const ROW_HEIGHT = 44;
const FIRST_PAGE = 200;
const COLUMNS = '130px minmax(120px, 1.2fr) minmax(100px, 1fr) minmax(120px, 1.4fr) 130px 80px';

export function HistoryView() {
  // The newest page shows at once; the whole history (100k rows take seconds to read from
  // IndexedDB) replaces it when loaded, and from then on search runs in memory.
  const total = useHistoryCount();
  const firstPage = useHistory(FIRST_PAGE);
  const all = useHistory();
  const rows = all ?? firstPage;
  const complete = all !== undefined;
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const deferred = useDeferredValue(filter);
  const [openId, setOpenId] = useState<number | null>(null);
  const filtered = useMemo(() => (rows ? filterHistory(rows, deferred) : []), [rows, deferred]);
  const scrollRef = useRef<HTMLDivElement>(null);

  // TanStack Virtual hands back fresh functions on purpose; nothing below memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: filtered.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  const set = (patch: Partial<HistoryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtering = filter !== EMPTY_FILTER && JSON.stringify(filter) !== JSON.stringify(EMPTY_FILTER);
  const open =
    openId === null
      ? null
      : (filtered.find((r) => r.id === openId) ?? rows?.find((r) => r.id === openId) ?? null);
  const stamp = new Date().toISOString().slice(0, 10);

  return (
    <div className="stack" data-testid="history-view" style={{ height: '100%', minHeight: 0 }}>
      <div className="row">
        <h1>History</h1>
        <span className="small muted" data-testid="history-count">
          {rows === undefined
            ? ''
            : !complete
              ? `Loading ${plural(total ?? rows.length, 'send')}…${filtering ? ' Results so far are from the newest.' : ''}`
              : filtering
                ? `${filtered.length.toLocaleString()} of ${plural(rows.length, 'send')}`
                : plural(rows.length, 'send')}
        </span>
        <span className="spacer" />
        <button
          className="btn small"
          disabled={!filtered.length}
          onClick={() =>
            downloadText(`reachlog-history-${stamp}.csv`, historyToCsv(filtered), 'text/csv;charset=utf-8')
          }
          data-testid="export-csv"
        >
          Export CSV
        </button>
        <button
          className="btn small"
          disabled={!filtered.length}
          onClick={() =>
            downloadText(`reachlog-history-${stamp}.json`, historyToJson(filtered), 'application/json')
          }
          data-testid="export-json"
        >
          Export JSON
        </button>
      </div>

      <div className="row wrap">
        <input
          className="input"
          style={{ flex: '1 1 240px' }}
          type="search"
          placeholder="Search name, e-mail, company, title, subject"
          value={filter.query}
          onChange={(e) => set({ query: e.target.value })}
          data-testid="history-search"
          aria-label="Search history"
        />
        <select
          className="input"
          style={{ width: 170 }}
          value={filter.channel}
          onChange={(e) => set({ channel: e.target.value as HistoryFilter['channel'] })}
          aria-label="Channel"
          data-testid="history-channel"
        >
          <option value="all">All channels</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
        <label className="row small muted" style={{ gap: 4 }}>
          From
          <input
            className="input"
            type="date"
            value={filter.from}
            onChange={(e) => set({ from: e.target.value })}
            style={{ width: 150 }}
          />
        </label>
        <label className="row small muted" style={{ gap: 4 }}>
          To
          <input
            className="input"
            type="date"
            value={filter.to}
            onChange={(e) => set({ to: e.target.value })}
            style={{ width: 150 }}
          />
        </label>
        {filtering ? (
          <button className="btn small ghost" onClick={() => setFilter(EMPTY_FILTER)}>
            Clear
          </button>
        ) : null}
      </div>

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: open ? '1fr 400px' : '1fr',
          gap: 16,
          flex: 1,
          minHeight: 0,
        }}
      >
        <div className="card" style={{ padding: 0, display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          <div
            style={{ display: 'grid', gridTemplateColumns: COLUMNS, borderBottom: '1px solid var(--border)' }}
            className="small muted"
            role="row"
          >
            {['Time', 'Recruiter', 'Company', 'Title', 'Channel', 'Status'].map((h) => (
              <div key={h} style={{ padding: '8px 10px', fontWeight: 500 }} role="columnheader">
                {h}
              </div>
            ))}
          </div>
          {rows !== undefined && filtered.length === 0 ? (
            <EmptyState title={rows.length ? 'No sends match' : 'No history yet'}>
              {rows.length
                ? 'Try fewer words, another channel or a wider date range.'
                : 'Every e-mail and LinkedIn message you send from Reachlog is kept here for good.'}
            </EmptyState>
          ) : (
            <div
              ref={scrollRef}
              style={{ overflow: 'auto', flex: 1, minHeight: 200 }}
              data-testid="history-scroll"
            >
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
                {virtualizer.getVirtualItems().map((v) => {
                  const r = filtered[v.index]!;
                  return (
                    <HistoryLine
                      key={r.id}
                      row={r}
                      top={v.start}
                      selected={r.id === openId}
                      onOpen={setOpenId}
                    />
                  );
                })}
              </div>
            </div>
          )}
        </div>
        {open ? <HistoryDetail row={open} onClose={() => setOpenId(null)} /> : null}
      </div>
    </div>
  );
}

function HistoryLine({
  row,
  top,
  selected,
  onOpen,
}: {
  row: HistoryRowLocal;
  top: number;
  selected: boolean;
  onOpen: (id: number) => void;
}) {
  return (
    <div
      role="row"
      tabIndex={0}
      data-testid="history-row"
      onClick={() => onOpen(row.id)}
      onKeyDown={(e) => (e.key === 'Enter' ? onOpen(row.id) : undefined)}
      className="history-line"
      style={{
        position: 'absolute',
        top,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        display: 'grid',
        gridTemplateColumns: COLUMNS,
        alignItems: 'center',
        borderBottom: '1px solid var(--border)',
        cursor: 'pointer',
        background: selected ? 'var(--bg-selected)' : undefined,
      }}
    >
      <div className="muted small" style={{ padding: '0 10px' }}>
        {formatAttemptTime(row.sentAt)}
      </div>
      <div className="truncate" style={{ padding: '0 10px', fontWeight: 500 }}>
        {row.recipientName}
      </div>
      <div className="truncate" style={{ padding: '0 10px' }}>
        {row.companyName ?? '—'}
      </div>
      <div className="truncate" style={{ padding: '0 10px' }}>
        {row.jobTitle ?? '—'}
      </div>
      <div style={{ padding: '0 10px' }}>{CHANNEL_LABELS[row.channel]}</div>
      <div style={{ padding: '0 10px' }}>
        <HistoryStatusChip status={row.status} />
        {row.repliedAt ? (
          <span data-testid="history-replied">
            {' '}
            <Chip tone="ok">replied</Chip>
          </span>
        ) : null}
      </div>
    </div>
  );
}
