import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';
import { hasPassword, passwordUpsert, sealPasswordChange } from './stored-password';

const box = createSecretBox('a-test-secret-of-enough-length', 'test-purpose');

describe('stored passwords', () => {
  it('keeps the stored password when none is given, removes it on empty, seals a new one', () => {
    expect(sealPasswordChange(box, undefined)).toBeUndefined();
    expect(sealPasswordChange(box, '')).toBeNull();
    const sealed = sealPasswordChange(box, 'hunter2');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('hunter2');
    expect(box.decrypt(sealed!)).toBe('hunter2');
  });

  it('leaves passwordEnc out of an update that does not change it', () => {
    expect(passwordUpsert(undefined)).toEqual({ create: { passwordEnc: null }, update: {} });
    expect(passwordUpsert(null)).toEqual({ create: { passwordEnc: null }, update: { passwordEnc: null } });
    expect(passwordUpsert('v1.x')).toEqual({
      create: { passwordEnc: 'v1.x' },
      update: { passwordEnc: 'v1.x' },
    });
  });

  it('tells only whether a password is stored', () => {
    expect(hasPassword({ passwordEnc: null })).toBe(false);
    expect(hasPassword({ passwordEnc: 'v1.x' })).toBe(true);
  });
});
