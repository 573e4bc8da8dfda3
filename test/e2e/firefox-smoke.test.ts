// The Firefox build installs in Firefox ESR as a temporary add-on, and every extension page in
// it opens at its moz-extension:// URL, renders text and logs no errors.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firefoxBuildDir, launchFirefoxExtension, type FirefoxExtensionBrowser } from './harness';

const extensionPages = existsSync(firefoxBuildDir)
  ? readdirSync(firefoxBuildDir).filter((file) => file.endsWith('.html'))
  : [];

describe('extension in Firefox', () => {
  let firefox: FirefoxExtensionBrowser;

  beforeAll(async () => {
    firefox = await launchFirefoxExtension();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('installs as the Reachlog add-on', async () => {
    expect(firefox.addonId).toBe('reachlog@reachlog.app');
    // The extension's own files are served at the pinned UUID.
    await firefox.goto(firefox.extensionUrl('manifest.json'));
    const manifest = await firefox.evaluate<string>(
      'fetch(location.href).then((r) => r.json()).then((m) => m.name + " mv" + m.manifest_version)',
    );
    expect(manifest).toBe('Reachlog mv2');
  });

  for (const file of extensionPages) {
    it(`renders ${file} without errors`, async () => {
      const errorsBefore = firefox.errors.length;
      await firefox.goto(firefox.extensionUrl(file));
      const text = await firefox.waitForText();
      expect(text.length).toBeGreaterThan(0);
      await firefox.screenshot(`firefox-${path.basename(file, '.html')}`);
      expect(firefox.errors.slice(errorsBefore), `errors on ${file}`).toEqual([]);
    });
  }
});
