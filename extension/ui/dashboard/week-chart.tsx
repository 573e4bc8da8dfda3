// A small hand-made SVG bar chart: one bar per week, labelled every other week.
import type { WeekBucket } from '../lib/weeks';

const fmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function WeekChart({ buckets, height = 160 }: { buckets: WeekBucket[]; height?: number }) {
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const width = 640;
  const pad = { top: 16, bottom: 24, left: 28, right: 8 };
  const innerH = height - pad.top - pad.bottom;
  const slot = (width - pad.left - pad.right) / Math.max(1, buckets.length);
  const bar = Math.min(36, slot * 0.62);
  // small counts: every integer; larger: 0, half, max
  const ticks = max <= 4 ? Array.from({ length: max + 1 }, (_, i) => i) : [0, Math.round(max / 2), max];
  const total = buckets.reduce((n, b) => n + b.count, 0);
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={`Sends per week, last ${buckets.length} weeks: ${total} in all`}
      data-testid="week-chart"
      style={{ display: 'block', maxHeight: 220 }}
    >
      {ticks.map((t) => {
        const y = pad.top + innerH - (t / max) * innerH;
        return (
          <g key={t}>
            <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} stroke="var(--border)" />
            <text x={pad.left - 6} y={y + 4} textAnchor="end" fontSize="10" fill="var(--text-faint)">
              {t}
            </text>
          </g>
        );
      })}
      {buckets.map((b, i) => {
        const h = (b.count / max) * innerH;
        const x = pad.left + i * slot + (slot - bar) / 2;
        const y = pad.top + innerH - h;
        return (
          <g key={b.start} data-week={b.start} data-count={b.count}>
            <title>{`Week of ${fmt.format(b.start)}: ${b.count}`}</title>
            <rect
              x={x}
              y={y}
              width={bar}
              height={Math.max(h, b.count ? 2 : 0)}
              rx={3}
              fill="var(--accent)"
              opacity={i === buckets.length - 1 ? 1 : 0.75}
            />
            {b.count ? (
              <text x={x + bar / 2} y={y - 4} textAnchor="middle" fontSize="10" fill="var(--text-muted)">
                {b.count}
              </text>
            ) : null}
            {i % 2 === buckets.length % 2 || i === buckets.length - 1 ? (
              <text x={x + bar / 2} y={height - 8} textAnchor="middle" fontSize="10" fill="var(--text-faint)">
                {fmt.format(b.start)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
