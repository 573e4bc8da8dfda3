import { describe, expect, it } from 'vitest';
import type { HistoryRowLocal } from '@/db/types';
import { CSV_COLUMNS, csvField, historyToCsv, historyToJson } from './export';

const base: HistoryRowLocal = {
  id: 7,
  recipientName: 'Marisol Quintero',
  recipientEmail: 'marisol@brightline.example',
  recipientLinkedinUrl: 'https://www.linkedin.com/in/marisol-quintero-recruits/',
  jobTitle: 'Staff Backend Engineer, Payments',
  companyName: 'Brightline Freight',
  jobUrl: 'https://www.linkedin.com/jobs/view/4012345678/',
  channel: 'both',
  emailSubject: 'Hello "there"',
  emailBody: 'Line one\nLine two',
  linkedinMessage: null,
  status: 'sent',
  error: null,
  sentAt: Date.UTC(2026, 10, 26, 14, 45),
  createdAt: Date.UTC(2026, 10, 26, 14, 45),
  draftId: null,
  repliedAt: null,
  followUpOf: null,
};

/** A small RFC 4180 reader, to check the CSV round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks and round-trips', () => {
    const csv = historyToCsv([base]);
    const [header, line] = parseCsv(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    const rec = Object.fromEntries(header!.map((h, i) => [h, line![i]]));
    expect(rec.jobTitle).toBe('Staff Backend Engineer, Payments');
    expect(rec.emailSubject).toBe('Hello "there"');
    expect(rec.emailBody).toBe('Line one\nLine two');
    expect(rec.channel).toBe('Email + LinkedIn');
    expect(rec.sentAt).toBe('2026-11-26T14:45:00.000Z');
    expect(rec.linkedinMessage).toBe('');
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
  });

  it('writes only the header for no rows', () => {
    expect(historyToCsv([])).toBe(CSV_COLUMNS.join(',') + '\r\n');
  });
});

describe('JSON export', () => {
  it('keeps every field with ISO dates', () => {
    const [out] = JSON.parse(historyToJson([base])) as Record<string, unknown>[];
    expect(out).toMatchObject({
      id: 7,
      channel: 'both',
      sentAt: '2026-11-26T14:45:00.000Z',
      linkedinMessage: null,
    });
  });
});
