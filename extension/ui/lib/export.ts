// CSV and JSON exports of history rows, downloaded as a Blob.
import type { HistoryRowLocal } from '@/db/types';
import { CHANNEL_LABELS } from '@@/shared/channel-labels';

export const CSV_COLUMNS = [
  'sentAt',
  'recipientName',
  'recipientEmail',
  'recipientLinkedinUrl',
  'companyName',
  'jobTitle',
  'jobUrl',
  'channel',
  'status',
  'error',
  'emailSubject',
  'emailBody',
  'linkedinMessage',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula starts neutralised. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ runs as a formula in spreadsheets: prefix it so it stays text.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function historyToCsv(rows: readonly HistoryRowLocal[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      CSV_COLUMNS.map((c) => {
        if (c === 'sentAt') return csvField(new Date(r.sentAt).toISOString());
        if (c === 'channel') return csvField(CHANNEL_LABELS[r.channel]);
        return csvField(r[c]);
      }).join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export function historyToJson(rows: readonly HistoryRowLocal[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      ...r,
      sentAt: new Date(r.sentAt).toISOString(),
      createdAt: new Date(r.createdAt).toISOString(),
    })),
    null,
    2,
  );
}

export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
