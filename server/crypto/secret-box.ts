// Encrypts stored secrets (users' SMTP passwords) with AES-256-GCM. The key is derived from
// REACHLOG_SECRET with HKDF, so the same secret can serve other purposes under other labels.
// Format: "v1.<iv b64url>.<tag b64url>.<ciphertext b64url>".
import crypto from 'node:crypto';

const VERSION = 'v1';

export interface SecretBox {
  encrypt(plaintext: string): string;
  /** Throws when the value was tampered with or made with another key. */
  decrypt(sealed: string): string;
}

export function deriveKey(secret: string, purpose: string): Buffer {
  if (secret.length < 16) throw new Error('REACHLOG_SECRET must be at least 16 characters');
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'reachlog', purpose, 32));
}

export function createSecretBox(secret: string, purpose = 'smtp-password'): SecretBox {
  const key = deriveKey(secret, purpose);
  const aad = Buffer.from(`${VERSION}:${purpose}`);
  return {
    encrypt(plaintext) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), tag.toString('base64url'), data.toString('base64url')].join(
        '.',
      );
    },
    decrypt(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== VERSION || iv === undefined || tag === undefined || data === undefined) {
        throw new Error('Not a sealed value');
      }
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(aad);
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (err) {
        throw new Error('Sealed value was tampered with or made with another key', { cause: err });
      }
    },
  };
}
