import crypto from 'node:crypto';
import { expect, it } from 'vitest';
import { CHROME_EXTENSION_ID, CHROME_MANIFEST_KEY } from './extension-identity';

it("the Chrome extension id is the one Chrome derives from the manifest's key", () => {
  const hex = crypto
    .createHash('sha256')
    .update(Buffer.from(CHROME_MANIFEST_KEY, 'base64'))
    .digest('hex')
    .slice(0, 32);
  expect([...hex].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('')).toBe(CHROME_EXTENSION_ID);
});
