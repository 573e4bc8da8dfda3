// The manifest WXT writes per browser: the user's server origin must be requestable everywhere.
import { describe, expect, it } from 'vitest';
import config from '@@/wxt.config';

type ManifestFn = (env: {
  browser: string;
  manifestVersion: 2 | 3;
  mode: string;
  command: string;
}) => Record<string, unknown>;
const manifest = config.manifest as unknown as ManifestFn;

describe('manifest permissions', () => {
  it('MV3 (Chrome) asks for the server origin as an optional host permission', () => {
    const m = manifest({ browser: 'chrome', manifestVersion: 3, mode: 'production', command: 'build' });
    expect(m.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    // asked for when follow-up notifications are turned on, never at install
    expect(m.optional_permissions).toEqual(['notifications']);
    // alarms: the periodic sync survives the service worker being stopped when idle
    expect(m.permissions).toEqual(['storage', 'sidePanel', 'alarms']);
  });

  it('MV2 (Firefox) declares the same origins in optional_permissions, the only key MV2 reads', () => {
    const m = manifest({ browser: 'firefox', manifestVersion: 2, mode: 'production', command: 'build' });
    expect(m.optional_permissions).toEqual(['http://*/*', 'https://*/*', 'notifications']);
    expect(m.optional_host_permissions).toBeUndefined();
    expect(m.permissions).toEqual(['storage', 'alarms']);
  });
});
