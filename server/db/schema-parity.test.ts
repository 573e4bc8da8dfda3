import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (db: string) => fs.readFileSync(path.join(root, 'prisma', db, 'schema.prisma'), 'utf8');

/** The schema with the only lines allowed to differ replaced by placeholders. */
function normalise(schema: string): string {
  return schema
    .split('\n')
    .filter((line) => !line.startsWith('//')) // the header comment names the flavour
    .join('\n')
    .replace(/provider\s*=\s*"(sqlite|postgresql)"/, 'provider = "<db>"')
    .replace(/output\s*=\s*"\.\.\/\.\.\/server\/db\/generated\/(sqlite|postgres)"/, 'output = "<out>"');
}

describe('prisma schemas', () => {
  const sqlite = read('sqlite');
  const postgres = read('postgres');

  it('differ only in the datasource provider and the generator output', () => {
    expect(normalise(sqlite)).toBe(normalise(postgres));
  });

  it('name the right provider and output each', () => {
    expect(sqlite).toMatch(/datasource db \{\s*provider = "sqlite"/);
    expect(postgres).toMatch(/datasource db \{\s*provider = "postgresql"/);
    expect(sqlite).toContain('output   = "../../server/db/generated/sqlite"');
    expect(postgres).toContain('output   = "../../server/db/generated/postgres"');
  });

  it('the normaliser does notice a model difference', () => {
    expect(normalise(sqlite)).not.toBe(normalise(postgres.replace('recipient_email', 'recipient_mail')));
  });

  it('keep every column of the original outreach_history design, snake_case', () => {
    const model = /model OutreachHistory \{([\s\S]*?)\n\}/.exec(sqlite)?.[1] ?? '';
    for (const col of [
      'user_id',
      'recipient_name',
      'recipient_email',
      'recipient_linkedin_url',
      'job_title',
      'company_name',
      'email_subject',
      'email_body',
      'linkedin_message',
      'sent_at',
      'created_at',
      'draft_id',
      'job_url',
      'send_id',
    ]) {
      expect(model).toContain(`@map("${col}")`);
    }
    expect(model).toMatch(/^\s+channel\s+String/m);
    expect(model).toMatch(/^\s+status\s+String/m);
    expect(model).toMatch(/^\s+error\s+String\?/m);
    expect(model).toContain('@@unique([userId, sendId])');
    expect(model).toContain('@@index([userId])');
    expect(model).toContain('@@index([sentAt])');
    expect(model).toContain('@@index([userId, sentAt])');
    expect(model).toContain('@@map("outreach_history")');
  });
});
