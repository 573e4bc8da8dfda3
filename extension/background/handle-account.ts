// Confirming the account's e-mail address and resetting a forgotten password, each with the
// 6-digit code the server e-mails. The session's copy of the account is updated, so the views
// see at once that the address is confirmed.
import type { TAccount } from '@@/shared/schemas/auth';
import { getSetting, setSetting } from '@/db/settings';
import type { BackgroundContext } from './context';
import { adopt, serverUrlOrThrow, UserError } from './handle-auth';

async function signedIn(ctx: BackgroundContext) {
  const api = await ctx.getApi();
  if (!api) throw new UserError('Sign in first.');
  return api;
}

async function rememberAccount(ctx: BackgroundContext, account: TAccount): Promise<TAccount> {
  const session = await getSetting('session', ctx.database);
  if (session && session.user.id === account.id) {
    await setSetting('session', { ...session, user: account }, ctx.database);
  }
  return account;
}

export async function handleSendVerificationCode(
  ctx: BackgroundContext,
): Promise<{ sentTo: string; alreadyConfirmed: boolean }> {
  const api = await signedIn(ctx);
  const result = await api.sendVerificationCode();
  if (result.alreadyConfirmed) await rememberAccount(ctx, await api.me());
  return result;
}

export async function handleVerifyEmail(ctx: BackgroundContext, code: string): Promise<TAccount> {
  const api = await signedIn(ctx);
  return rememberAccount(ctx, await api.verifyEmail(code));
}

export async function handleRequestPasswordReset(
  ctx: BackgroundContext,
  msg: { serverUrl: string; email: string },
): Promise<{ ok: true }> {
  return ctx.apiFor(serverUrlOrThrow(msg.serverUrl)).requestPasswordReset(msg.email);
}

/** Sets the new password and signs in with it (every other session of the account ended). */
export async function handleResetPassword(
  ctx: BackgroundContext,
  msg: { serverUrl: string; email: string; code: string; password: string },
): Promise<TAccount> {
  const serverUrl = serverUrlOrThrow(msg.serverUrl);
  const result = await ctx
    .apiFor(serverUrl)
    .resetPassword({ email: msg.email, code: msg.code, password: msg.password });
  return adopt(ctx, serverUrl, result);
}
