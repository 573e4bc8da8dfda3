// A user's own mail server. The password is write-only: stored sealed (AES-256-GCM) and never
// returned; `hasPassword` tells the UI whether one is stored.
import type { z } from 'zod';
import type { TSmtpSettings, ZSmtpSettingsInput, ZSmtpTestInput } from '../../shared/schemas/smtp';
import { AppError } from '../errors';
import type { Database } from '../db/client';
import type { SecretBox } from '../crypto/secret-box';
import { hasPassword, passwordUpsert, sealPasswordChange } from '../crypto/stored-password';
import { describeMailError, type Mailer } from './mailer';
import type { SendLimiter } from './send-limits';
import { checkSmtpTarget, type HostResolver } from './smtp-target';
import type { Logger } from 'pino';

export type SmtpSettingsInput = z.output<typeof ZSmtpSettingsInput>;
export type SmtpTestInput = z.output<typeof ZSmtpTestInput>;

interface SettingsRecord {
  host: string;
  port: number;
  secure: boolean;
  username: string | null;
  passwordEnc: string | null;
  fromAddress: string;
  fromName: string | null;
}

function toSettings(s: SettingsRecord): TSmtpSettings {
  return {
    host: s.host,
    port: s.port,
    secure: s.secure,
    username: s.username,
    hasPassword: hasPassword(s),
    fromAddress: s.fromAddress,
    fromName: s.fromName,
  };
}

export function createSmtpSettingsService(deps: {
  db: Database;
  secretBox: SecretBox;
  mailer: Mailer;
  sendLimiter: SendLimiter;
  allowPrivateSmtp: boolean;
  resolve?: HostResolver | undefined;
  log: Logger;
}) {
  const prisma = deps.db.prisma;
  return {
    async get(userId: string): Promise<TSmtpSettings | null> {
      const s = await prisma.smtpSettings.findUnique({ where: { userId } });
      return s ? toSettings(s) : null;
    },

    async set(userId: string, input: SmtpSettingsInput): Promise<TSmtpSettings> {
      await checkSmtpTarget(input.host, input.port, {
        allowPrivate: deps.allowPrivateSmtp,
        resolve: deps.resolve,
      });
      const password = passwordUpsert(sealPasswordChange(deps.secretBox, input.password));
      const data = {
        host: input.host,
        port: input.port,
        secure: input.secure,
        username: input.username || null,
        fromAddress: input.fromAddress,
        fromName: input.fromName || null,
      };
      const s = await prisma.smtpSettings.upsert({
        where: { userId },
        create: { ...data, userId, ...password.create },
        update: { ...data, ...password.update },
      });
      deps.mailer.invalidate(userId);
      return toSettings(s);
    },

    async clear(userId: string): Promise<{ ok: true }> {
      await prisma.smtpSettings.deleteMany({ where: { userId } });
      deps.mailer.invalidate(userId);
      return { ok: true };
    },

    /** Connects to the mail server the user's mail would go through and sends a test message. */
    async test(
      userId: string,
      input: SmtpTestInput,
    ): Promise<{ ok: true; via: 'user' | 'server'; to: string }> {
      const route = await deps.mailer.route(userId);
      const to = input.to ?? route.replyTo?.address ?? route.from.address;
      await deps.sendLimiter.take(userId);
      try {
        await deps.mailer.send(route, {
          to: { address: to },
          subject: 'Reachlog test message',
          text: 'This is a test message from Reachlog: your mail settings work.',
        });
      } catch (err) {
        throw new AppError('BAD_GATEWAY', describeMailError(err, route), { cause: err });
      }
      return { ok: true, via: route.via, to };
    },
  };
}

export type SmtpSettingsService = ReturnType<typeof createSmtpSettingsService>;
