// How a settings form's password reaches the database, the same for every stored credential
// (the user's SMTP server, their IMAP mailbox): write-only, sealed, never returned — the UI only
// learns whether one is stored.
import type { SecretBox } from './secret-box';

/** The sealed password to store: `undefined` keeps the stored one, `''` removes it, anything else replaces it. */
export function sealPasswordChange(box: SecretBox, password: string | undefined): string | null | undefined {
  if (password === undefined) return undefined;
  return password === '' ? null : box.encrypt(password);
}

/** The `passwordEnc` parts of an upsert: a new row gets the password or none; an update leaves it alone when unchanged. */
export function passwordUpsert(change: string | null | undefined): {
  create: { passwordEnc: string | null };
  update: { passwordEnc?: string | null };
} {
  return {
    create: { passwordEnc: change ?? null },
    update: change !== undefined ? { passwordEnc: change } : {},
  };
}

/** What the settings answer says about the password. */
export const hasPassword = (record: { passwordEnc: string | null }): boolean => Boolean(record.passwordEnc);
