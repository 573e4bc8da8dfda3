import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

const SECRET = 'a-long-enough-test-secret-value';

describe('secret box', () => {
  it('round-trips, with a fresh IV each time', () => {
    const box = createSecretBox(SECRET);
    const a = box.encrypt('hunter2 ✓');
    const b = box.encrypt('hunter2 ✓');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(box.decrypt(a)).toBe('hunter2 ✓');
    expect(box.decrypt(b)).toBe('hunter2 ✓');
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const box = createSecretBox(SECRET);
    const sealed = box.encrypt('secret password');
    const parts = sealed.split('.');
    for (const i of [1, 2, 3]) {
      const p = [...parts];
      const bytes = Buffer.from(p[i] ?? '', 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      p[i] = bytes.toString('base64url');
      expect(() => box.decrypt(p.join('.'))).toThrow(/tampered/);
    }
  });

  it('refuses a value sealed with another secret or for another purpose', () => {
    const sealed = createSecretBox(SECRET).encrypt('x');
    expect(() => createSecretBox(`${SECRET}-other`).decrypt(sealed)).toThrow();
    expect(() => createSecretBox(SECRET, 'other-purpose').decrypt(sealed)).toThrow();
  });

  it('refuses garbage and short secrets', () => {
    expect(() => createSecretBox(SECRET).decrypt('not-sealed')).toThrow(/Not a sealed value/);
    expect(() => createSecretBox('short')).toThrow(/at least 16/);
  });
});
