import { afterEach, describe, expect, it } from 'vitest';
import type { Capture } from '../../shared/capture';
import { createCaptureWatcher } from './capture-watcher';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cap = (name: string | null): Capture => ({
  pageType: name ? 'profile' : 'unknown',
  url: 'https://www.linkedin.com/in/x/',
  people: name
    ? [{ name, linkedinUrl: null, headline: null, title: null, company: null, email: null, location: null }]
    : [],
  job: null,
});

afterEach(() => document.body.replaceChildren());

describe('createCaptureWatcher', () => {
  it('reports on arm, re-reads after DOM changes (debounced), only when the capture changed', async () => {
    let name: string | null = null;
    let reads = 0;
    const reports: Capture[] = [];
    const watcher = createCaptureWatcher({
      view: window,
      read: () => (reads++, cap(name)),
      report: (c) => reports.push(c),
      debounceMs: 30,
      stableMs: 500,
    });
    watcher.arm();
    expect(reports).toEqual([cap(null)]);
    name = 'Dana';
    for (let i = 0; i < 5; i++) document.body.appendChild(document.createElement('div'));
    await tick(10);
    expect(reports).toHaveLength(1); // still debouncing
    await tick(60);
    expect(reports).toEqual([cap(null), cap('Dana')]);
    expect(reads).toBe(2); // five mutations, one read
    document.body.appendChild(document.createElement('span'));
    await tick(60);
    expect(reports).toHaveLength(2); // same capture: not sent again
    watcher.stop();
  });

  it('disconnects once stable, and re-arms (reading at once) on navigation', async () => {
    let name = 'A';
    const reports: Capture[] = [];
    const watcher = createCaptureWatcher({
      view: window,
      read: () => cap(name),
      report: (c) => reports.push(c),
      debounceMs: 10,
      stableMs: 40,
    });
    watcher.arm();
    expect(watcher.observing).toBe(true);
    await tick(80);
    expect(watcher.observing).toBe(false);
    name = 'B';
    document.body.appendChild(document.createElement('div'));
    await tick(30);
    expect(reports.map((r) => r.people[0]?.name)).toEqual(['A']); // idle: not watching
    watcher.arm();
    expect(reports.map((r) => r.people[0]?.name)).toEqual(['A', 'B']);
    expect(watcher.observing).toBe(true);
    watcher.stop();
    expect(watcher.observing).toBe(false);
  });

  it('stops after maxWatchMs even if the page keeps changing', async () => {
    let n = 0;
    const watcher = createCaptureWatcher({
      view: window,
      read: () => cap(`p${n++}`),
      report: () => undefined,
      debounceMs: 5,
      stableMs: 1000,
      maxWatchMs: 60,
    });
    watcher.arm();
    const timer = setInterval(() => document.body.appendChild(document.createElement('i')), 10);
    await tick(120);
    clearInterval(timer);
    expect(watcher.observing).toBe(false);
  });
});
