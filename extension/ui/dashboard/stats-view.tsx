// Totals by channel and sends per week, from this browser's copy of the history.
import { useState } from 'react';
import { useStatsSince } from '@/data/reads';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import type { TChannel } from '@@/shared/schemas/history';
import { bucketByWeek, weekStart } from '../lib/weeks';
import { WeekChart } from './week-chart';
import { ReplyStatsSection } from '../components/pipeline-widgets';

const WEEKS = 12;
// from the labels, not the zod module, to keep zod out of the overview's chunk
const CHANNELS = Object.keys(CHANNEL_LABELS) as TChannel[];

export function useStats() {
  const [firstWeek] = useState(() => weekStart(Date.now()) - WEEKS * 7 * 86_400_000);
  const stats = useStatsSince(firstWeek);
  return stats && { ...stats, weeks: bucketByWeek(stats.hours, WEEKS) };
}

export function StatTile({
  label,
  value,
  testId,
}: {
  label: string;
  value: number | string;
  testId?: string;
}) {
  return (
    <div className="card stack tight" style={{ gap: 2 }} data-testid={testId}>
      <span className="small muted">{label}</span>
      <span style={{ fontSize: 24, fontWeight: 600, letterSpacing: '-0.02em' }}>
        {value.toLocaleString()}
      </span>
    </div>
  );
}

export function StatsView() {
  const stats = useStats();
  if (!stats) return null;
  return (
    <div className="stack" data-testid="stats-view">
      <h1>Stats</h1>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12 }}>
        <StatTile label="All sends" value={stats.all} testId="stat-all" />
        {CHANNELS.map((c) => (
          <StatTile key={c} label={CHANNEL_LABELS[c]} value={stats.byChannel[c]} testId={`stat-${c}`} />
        ))}
        <StatTile label="Last 7 days" value={stats.last7Days} testId="stat-7d" />
      </div>
      <section className="card stack">
        <h2>Sends per week</h2>
        <WeekChart buckets={stats.weeks} />
      </section>
      <ReplyStatsSection />
    </div>
  );
}
