// Full history: search, channel and date filters, a virtualized list, a detail view and CSV/JSON
// export. Nothing reads the whole table: the filter runs on indexes and gives the matching ids
// (newest first); the list reads the rows of the pages on screen only (100k rows scroll
// smoothly: only the visible rows are in the DOM, and in memory).
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { queryHistoryRows, useHistoryCount, useHistoryIds, useHistoryRow, useHistoryRows } from '@/data';
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
/** rows read at a time: the pages covering the visible rows are read, by id */
const PAGE = 100;
const COLUMNS = '130px minmax(120px, 1.2fr) minmax(100px, 1fr) minmax(120px, 1.4fr) 130px 80px';
const NO_IDS: number[] = [];

export function HistoryView() {
  const total = useHistoryCount();
  const [filter, setFilter] = useState<HistoryFilter>(EMPTY_FILTER);
  const deferred = useDeferredValue(filter);
  const query = useMemo(() => toHistoryQuery(deferred), [deferred]);
  const found = useHistoryIds(query);
  const ids = found?.ids ?? NO_IDS;
  const [openId, setOpenId] = useState<number | null>(null);
  const openRow = useHistoryRow(openId);
  const scrollRef = useRef<HTMLDivElement>(null);

  // TanStack Virtual hands back fresh functions on purpose; nothing below memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = Math.floor((items[0]?.index ?? 0) / PAGE);
  const lastPage = Math.floor((items[items.length - 1]?.index ?? 0) / PAGE);
  const pageIds = useMemo(
    () => ids.slice(firstPage * PAGE, (lastPage + 1) * PAGE),
    [ids, firstPage, lastPage],
  );
  // while the next pages load, the live query still gives the rows read last
  const pageRows = useHistoryRows(pageIds);
  const shown = useMemo(() => new Map(pageRows?.map((r) => [r.id, r])), [pageRows]);

  const set = (patch: Partial<HistoryFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const filtering = found ? isFiltering(found.query) : false;
  const stamp = new Date().toISOString().slice(0, 10);
  const exportRows = async (kind: 'csv' | 'json') => {
    const rows = await queryHistoryRows(ids);
    if (kind === 'csv')
      downloadText(`reachlog-history-${stamp}.csv`, historyToCsv(rows), 'text/csv;charset=utf-8');
    else downloadText(`reachlog-history-${stamp}.json`, historyToJson(rows), 'application/json');
  };

  return (
    <div className="stack" data-testid="history-view" style={{ height: '100%', minHeight: 0 }}>
      <div className="row">
        <h1>History</h1>
        <span className="small muted" data-testid="history-count">
          {found === undefined
            ? ''
            : filtering
              ? `${ids.length.toLocaleString()} of ${plural(total ?? ids.length, 'send')}`
              : plural(ids.length, 'send')}
        </span>
        <span className="spacer" />
        <button
          className="btn small"
          disabled={!ids.length}
          onClick={() => void exportRows('csv')}
          data-testid="export-csv"
        >
          Export CSV
        </button>
        <button
          className="btn small"
          disabled={!ids.length}
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
          {found !== undefined && ids.length === 0 ? (
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
                  const id = ids[v.index]!;
                  const r = shown.get(id);
                  return r ? (
                    <HistoryLine key={id} row={r} top={v.start} selected={id === openId} onOpen={setOpenId} />
                  ) : (
                    <div key={id} style={{ position: 'absolute', top: v.start, height: ROW_HEIGHT }} />
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
