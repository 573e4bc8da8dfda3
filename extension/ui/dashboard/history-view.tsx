// Full history: search, channel and date filters, a virtualized list, a detail view and CSV/JSON
// export. Nothing reads the whole table: the list is read a page at a time as it scrolls into
// view (history-pager.ts: limited index reads), rows not read yet show as placeholders of the
// same height (a jump to the end draws at once and fills in), and only the pages near the screen
// stay in memory. The count comes from the counters; a text search shows "N+" until it knows all.
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  queryHistoryIds,
  queryHistoryRows,
  useHistoryCount,
  useHistoryPager,
  useHistoryPagerVersion,
  useHistoryRow,
} from '@/data';
import type { HistoryRowLocal } from '@/db/types';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import { CHANNELS } from '@@/shared/schemas/history';
import { EMPTY_FILTER, isFiltering, toHistoryQuery, type HistoryFilter } from '../lib/history-filter';
import { downloadText, historyToCsv, historyToJson } from '../lib/export';
import { formatAttemptTime, plural } from '../lib/format';
import { Chip, HistoryStatusChip } from '../components/chip';
import { EmptyState } from '../components/empty-state';
import { HistoryDetail } from './history-detail';

const ROW_HEIGHT = 44;
const COLUMNS = '130px minmax(120px, 1.2fr) minmax(100px, 1fr) minmax(120px, 1.4fr) 130px 80px';

export function HistoryView() {
  const total = useHistoryCount();
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const deferred = useDeferredValue(filter);
  const query = useMemo(() => toHistoryQuery(deferred), [deferred]);
  const pager = useHistoryPager(query);
  useHistoryPagerVersion(pager);
  const length = pager?.length ?? 0;
  const [openId, setOpenId] = useState<number | null>(null);
  const openRow = useHistoryRow(openId);
  const scrollRef = useRef<HTMLDivElement>(null);

  // TanStack Virtual hands back fresh functions on purpose; nothing below memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  // the pages on screen are read (the newest wish first: a jump does not wait for the pages passed)
  useEffect(() => {
    pager?.want(first, last);
  }, [pager, first, last]);
  // a new list starts at its top
  // (a block: scrollTo returns a promise in recent Chromium, and an effect must return nothing)
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [pager]);

  const set = (patch: Partial<HistoryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtering = pager ? isFiltering(pager.query) : false;
  const found = pager?.total ?? null;
  const stamp = new Date().toISOString().slice(0, 10);
  const exportRows = async (kind: 'csv' | 'json') => {
    if (!pager) return;
    const rows = await queryHistoryRows(await queryHistoryIds(pager.query));
    if (kind === 'csv')
      downloadText(`reachlog-history-${stamp}.csv`, historyToCsv(rows), 'text/csv;charset=utf-8');
    else downloadText(`reachlog-history-${stamp}.json`, historyToJson(rows), 'application/json');
  };
  // while a text search has not counted every match: the matches found so far, "N+"
  const matches = found !== null ? found.toLocaleString() : `${pager?.contiguous().toLocaleString()}+`;

  return (
    <div className="stack" data-testid="history-view" style={{ height: '100%', minHeight: 0 }}>
      <div className="row">
        <h1>History</h1>
        <span className="small muted" data-testid="history-count">
          {pager === undefined
            ? ''
            : filtering
              ? `${matches} of ${plural(total ?? 0, 'send')}`
              : plural(found ?? total ?? 0, 'send')}
        </span>
        <span className="spacer" />
        <button
          className="btn small"
          disabled={!length}
          onClick={() => void exportRows('csv')}
          data-testid="export-csv"
        >
          Export CSV
        </button>
        <button
          className="btn small"
          disabled={!length}
          onClick={() => void exportRows('json')}
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
        {filter !== EMPTY_FILTER ? (
          <button className="btn small ghost" onClick={() => setFilter(EMPTY_FILTER)}>
            Clear
          </button>
        ) : null}
      </div>

      <div
        style={{
          display: 'grid',
          gridTemplateColumns: openRow ? '1fr 400px' : '1fr',
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
            {['Time', 'Recruiter', 'Company', 'Job', 'Channel', 'Status'].map((h) => (
              <div key={h} style={{ padding: '8px 10px', fontWeight: 500 }} role="columnheader">
                {h}
              </div>
            ))}
          </div>
          {pager !== undefined && length === 0 ? (
            <EmptyState title={total ? 'No sends match' : 'No history yet'}>
              {total
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
                {items.map((v) => {
                  const r = pager?.row(v.index);
                  return r ? (
                    <HistoryLine
                      key={r.id}
                      row={r}
                      top={v.start}
                      selected={r.id === openId}
                      onOpen={setOpenId}
                    />
                  ) : (
                    <Placeholder key={`p${v.index}`} top={v.start} />
                  );
                })}
              </div>
            </div>
          )}
        </div>
        {openRow ? <HistoryDetail row={openRow} onClose={() => setOpenId(null)} /> : null}
      </div>
    </div>
  );
}

/** A row not read yet: the same height, drawn at once (a jump shows these, then the rows). */
const Placeholder = memo(function Placeholder({ top }: { top: number }) {
  return (
    <div
      data-testid="history-row-loading"
      aria-hidden
      style={{
        position: 'absolute',
        top,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        borderBottom: '1px solid var(--border)',
        display: 'flex',
        alignItems: 'center',
        padding: '0 10px',
      }}
    >
      <div style={{ height: 10, width: '60%', borderRadius: 5, background: 'var(--border)' }} />
    </div>
  );
});

// memo: while scrolling only the rows coming into view render (each frame moves a few)
const HistoryLine = memo(function HistoryLine({
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
});
