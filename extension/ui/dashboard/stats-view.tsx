// Totals by channel and sends per week, from this browser's copy of the history.
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '@/db/database';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';
import type { TChannel } from '@@/shared/schemas/history';
import { bucketByWeek, weekStart } from '../lib/weeks';
import { WeekChart } from './week-chart';

const WEEKS = 12;
// from the labels, not the zod module, to keep zod out of the overview's chunk
const CHANNELS = Object.keys(CHANNEL_LABELS) as TChannel[];

export function useStats() {
  return useLiveQuery(async () => {
    const byChannel = {} as Record<TChannel, number>;
    for (const c of CHANNELS) byChannel[c] = await db.history.where('channel').equals(c).count();
    const all = CHANNELS.reduce((n, c) => n + byChannel[c], 0);
    const since = Date.now() - 7 * 86_400_000;
    const last7Days = await db.history.where('sentAt').aboveOrEqual(since).count();
    // keys() reads the sentAt index only, never the message bodies
    const firstWeek = weekStart(Date.now()) - WEEKS * 7 * 86_400_000;
    const times = (await db.history.where('sentAt').aboveOrEqual(firstWeek).keys()) as number[];
    return { all, byChannel, last7Days, weeks: bucketByWeek(times, WEEKS) };
  }, []);
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
    </div>
  );
}
