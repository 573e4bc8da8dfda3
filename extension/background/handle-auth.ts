import type { TAccount, TAuthResult } from '@@/shared/schemas/auth';
import { checkServerUrl } from '@/api/server-url';
import { getSetting, setSetting } from '@/db/settings';
import type { BackgroundContext } from './context';
import { clearUserData } from './clear-user-data';

export class UserError extends Error {
  override readonly name = 'UserError';
}

/** https://, or plain http:// only to this computer (see api/server-url.ts). */
export function serverUrlOrThrow(raw: string): string {
  const checked = checkServerUrl(raw);
  if (!checked.ok) throw new UserError(checked.error);
  return checked.url;
}

/** Keeps the session; data of another account that signed in here before is dropped first. */
export async function adopt(
  ctx: BackgroundContext,
  serverUrl: string,
  result: TAuthResult,
): Promise<TAccount> {
  const owner = await getSetting('dataOwnerId', ctx.database);
  if (owner && owner !== result.user.id) await clearUserData(ctx.database);
  await setSetting('serverUrl', serverUrl, ctx.database);
  await setSetting('session', { token: result.token, user: result.user }, ctx.database);
  await setSetting('dataOwnerId', result.user.id, ctx.database);
  // waiting sends and unpushed changes go now that there is a session; pokes for this account
  ctx.live.restart();
  void ctx.sync.run().then(() => ctx.outbox.kick());
  return result.user;
}

/**
 * The view asks for the server origin as an optional host permission (permissions.request needs
 * the user's click, which only a view has) before it sends sign-in / sign-up.
 */
export async function handleSignIn(
  ctx: BackgroundContext,
  msg: { serverUrl: string; email: string; password: string },
): Promise<TAccount> {
  const serverUrl = serverUrlOrThrow(msg.serverUrl);
  const result = await ctx.apiFor(serverUrl).signIn({ email: msg.email, password: msg.password });
  return adopt(ctx, serverUrl, result);
}

export async function handleSignUp(
  ctx: BackgroundContext,
  msg: { serverUrl: string; email: string; password: string; name?: string },
): Promise<TAccount> {
  const serverUrl = serverUrlOrThrow(msg.serverUrl);
  const result = await ctx
    .apiFor(serverUrl)
    .signUp({ email: msg.email, password: msg.password, name: msg.name });
  return adopt(ctx, serverUrl, result);
}

/**
 * Ends the session on the server when it can be reached (offline, the token simply stays unused
 * until it expires) and forgets the user's data here, including sends still waiting.
 */
export async function handleSignOut(ctx: BackgroundContext): Promise<null> {
  try {
    await (await ctx.getApi())?.signOut();
  } catch {
    // unreachable or already invalid: signing out locally must still work
  }
  ctx.outbox.stop();
  ctx.live.stop();
  await setSetting('session', null, ctx.database);
  await clearUserData(ctx.database);
  return null;
}

/** The server refused the session: keep the data (same user may sign in again), drop the token. */
export async function handleUnauthorized(ctx: Pick<BackgroundContext, 'database'>): Promise<void> {
  await setSetting('session', null, ctx.database);
}
