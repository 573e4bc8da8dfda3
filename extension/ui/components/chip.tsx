import type { ReactNode } from 'react';
import type { THistoryStatus } from '@@/shared/schemas/history';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

export function Chip({
  tone = 'neutral',
  plain,
  children,
}: {
  tone?: Tone;
  plain?: boolean;
  children: ReactNode;
}) {
  return <span className={`chip ${tone === 'neutral' ? '' : tone}${plain ? ' plain' : ''}`}>{children}</span>;
}

export function HistoryStatusChip({ status }: { status: THistoryStatus }) {
  return <Chip tone={status === 'sent' ? 'ok' : 'danger'}>{status}</Chip>;
}
