// A user's mailbox for reply detection, stored like the SMTP settings: the password is
// write-only, sealed (AES-256-GCM, its own key purpose) and never returned; the server checks the
// target on save (and again on every connection, replies.ts) against the same private-address
// rules as SMTP targets, on IMAP's ports.
import type { z } from 'zod';
import type { TImapSettings, ZImapSettingsInput } from '../../shared/schemas/imap';
import type { Database } from '../db/client';
import type { SecretBox } from '../crypto/secret-box';
import { hasPassword, passwordUpsert, sealPasswordChange } from '../crypto/stored-password';
import { checkMailTarget, IMAP_PORTS, type HostResolver } from './smtp-target';

export type ImapSettingsInput = z.output<typeof ZImapSettingsInput>;

interface ImapRecord {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  passwordEnc: string | null;
  mailbox: string;
  lastCheckedAt: Date | null;
  lastError: string | null;
}

function toSettings(s: ImapRecord): TImapSettings {
  return {
    host: s.host,
    port: s.port,
    secure: s.secure,
    username: s.username,
    hasPassword: hasPassword(s),
    mailbox: s.mailbox,
    lastCheckedAt: s.lastCheckedAt,
    lastError: s.lastError,
  };
}

export function createImapSettingsService(deps: {
  db: Database;
  secretBox: SecretBox;
  allowPrivate: boolean;
  resolve?: HostResolver | undefined;
}) {
  const prisma = deps.db.prisma;
  return {
    async get(userId: string): Promise<TImapSettings | null> {
      const s = await prisma.imapSettings.findUnique({ where: { userId } });
      return s ? toSettings(s) : null;
    },

    async set(userId: string, input: ImapSettingsInput): Promise<TImapSettings> {
      await checkMailTarget(input.host, input.port, {
        allowPrivate: deps.allowPrivate,
        resolve: deps.resolve,
        ports: IMAP_PORTS,
      });
      const password = passwordUpsert(sealPasswordChange(deps.secretBox, input.password));
      const previous = await prisma.imapSettings.findUnique({
        where: { userId },
        select: { host: true, username: true, mailbox: true },
      });
      // Another mailbox: where the last check stopped means nothing there.
      const sameMailbox =
        previous?.host === input.host &&
        previous.username === input.username &&
        previous.mailbox === input.mailbox;
      const data = {
        host: input.host,
        port: input.port,
        secure: input.secure,
        username: input.username,
        mailbox: input.mailbox,
        lastError: null,
        ...(sameMailbox ? {} : { uidValidity: null, lastUid: 0, lastCheckedAt: null }),
      };
      const s = await prisma.imapSettings.upsert({
        where: { userId },
        create: { ...data, userId, ...password.create },
        update: { ...data, ...password.update },
      });
      return toSettings(s);
    },

    async clear(userId: string): Promise<{ ok: true }> {
      await prisma.imapSettings.deleteMany({ where: { userId } });
      return { ok: true };
    },
  };
}

export type ImapSettingsService = ReturnType<typeof createImapSettingsService>;
