import type { TSmtpSettings, TSmtpSettingsInput } from '@@/shared/schemas/smtp';
import type { ReachlogApi } from '@/api/api';
import type { BackgroundContext } from './context';
import { UserError } from './handle-auth';

// The user's own mail server lives on the server only (the password is write-only there), so
// these calls are not queued or cached: offline, the settings page shows the reason.
async function signedInApi(ctx: BackgroundContext): Promise<ReachlogApi> {
  const api = await ctx.getApi();
  if (!api) throw new UserError('Sign in to manage your mail server.');
  return api;
}

export async function handleSmtpGet(ctx: BackgroundContext): Promise<TSmtpSettings | null> {
  return (await signedInApi(ctx)).smtpGet();
}

export async function handleSmtpSave(
  ctx: BackgroundContext,
  input: TSmtpSettingsInput,
): Promise<TSmtpSettings> {
  return (await signedInApi(ctx)).smtpSet(input);
}

export async function handleSmtpClear(ctx: BackgroundContext): Promise<{ ok: true }> {
  return (await signedInApi(ctx)).smtpClear();
}

export async function handleSmtpTest(
  ctx: BackgroundContext,
  to: string | undefined,
): Promise<{ ok: true; via: 'user' | 'server'; to: string }> {
  return (await signedInApi(ctx)).smtpTest(to ? { to } : {});
}
