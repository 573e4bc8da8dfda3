import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecret, PG_NEEDS_SECRET } from './secret';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'reachlog-secret-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('loadSecret', () => {
  it('PostgreSQL without REACHLOG_SECRET: refuses, and writes no file', () => {
    const dir = tempDir();
    expect(() => loadSecret('postgres://u@127.0.0.1:5432/reachlog', { REACHLOG_DATA_DIR: dir })).toThrow(
      PG_NEEDS_SECRET,
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(loadSecret('postgresql://u@h/db', { REACHLOG_SECRET: 'shared-secret' })).toBe('shared-secret');
  });

  it('SQLite without it: generated once into the data folder and reused', () => {
    const dir = tempDir();
    const url = `file:${path.join(dir, 'db', 'x.db')}`;
    const made: string[] = [];
    const first = loadSecret(url, {}, (f) => made.push(f));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(made).toEqual([path.join(dir, 'db', 'reachlog-secret')]);
    expect(loadSecret(url, {})).toBe(first);
    expect(loadSecret(url, { REACHLOG_SECRET: 'given' })).toBe('given');
  });
});
