import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Capture } from '../../shared/capture';
import { createCaptureWatcher } from './capture-watcher';
import { isNotUnderstood, readNotUnderstood, recordIfNotUnderstood } from './not-understood';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const person = {
  name: 'Dana',
  linkedinUrl: null,
  headline: null,
  title: null,
  company: null,
  email: null,
  location: null,
};
const cap = (
  pageType: Capture['pageType'],
  people: Capture['people'],
  url = 'https://www.linkedin.com/in/x/',
): Capture => ({
  pageType,
  url,
  people,
  job: null,
});

beforeEach(() => fakeBrowser.reset());

describe('not-understood counter', () => {
  it('is zero with nothing stored', async () => {
    expect(await readNotUnderstood()).toEqual({ count: 0, recent: [] });
  });

  it('counts only profile pages (and sub-pages) that found nobody', async () => {
    expect(isNotUnderstood(cap('profile', []))).toBe(true);
    expect(isNotUnderstood(cap('profile', [person]))).toBe(false);
    expect(isNotUnderstood(cap('unknown', []))).toBe(false);
    expect(isNotUnderstood(cap('job', []))).toBe(false);
    expect(await recordIfNotUnderstood(cap('profile', [person]), 1)).toBe(false);
    expect(await recordIfNotUnderstood(cap('profile', [], 'https://www.linkedin.com/in/a/'), 2)).toBe(true);
    expect(await recordIfNotUnderstood(cap('profile', [], 'https://www.linkedin.com/in/b/'), 3)).toBe(true);
    expect(await readNotUnderstood()).toEqual({
      count: 2,
      recent: [
        { url: 'https://www.linkedin.com/in/b/', pageType: 'profile', at: 3 },
        { url: 'https://www.linkedin.com/in/a/', pageType: 'profile', at: 2 },
      ],
    });
  });

  it('keeps the 20 latest pages and the full count', async () => {
    for (let i = 0; i < 25; i++)
      await recordIfNotUnderstood(cap('profile', [], `https://www.linkedin.com/in/p${i}/`), i);
    const got = await readNotUnderstood();
    expect(got.count).toBe(25);
    expect(got.recent).toHaveLength(20);
    expect(got.recent[0]?.url).toBe('https://www.linkedin.com/in/p24/');
  });

  it('reads a damaged entry as zero instead of failing', async () => {
    await fakeBrowser.storage.local.set({ 'reader.notUnderstood': 'garbage' });
    expect(await readNotUnderstood()).toEqual({ count: 0, recent: [] });
  });

  it('the watcher hands over the settled capture once the page is stable, not on stop()', async () => {
    const settled: Capture[] = [];
    let people: Capture['people'] = [];
    const watcher = createCaptureWatcher({
      view: window,
      read: () => cap('profile', people),
      report: () => undefined,
      onSettled: (c) => settled.push(c),
      debounceMs: 5,
      stableMs: 200,
    });
    watcher.arm();
    people = [person];
    document.body.appendChild(document.createElement('div'));
    await tick(600);
    expect(settled).toEqual([cap('profile', [person])]); // the half-loaded read never counts
    watcher.arm();
    watcher.stop();
    await tick(50);
    expect(settled).toHaveLength(1);
  });
});
