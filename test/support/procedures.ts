// The API as the router defines it, for tests generated from it: every procedure's path, kind
// and input schema, read from appRouter itself — a procedure added tomorrow is in the list.
import type { ZodType } from 'zod';
import { appRouter } from '../../server/routers/_app';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The zod schema of its input (absent: it takes none). */
  input: ZodType | undefined;
}

/** Answer without a session: creating one, or the way back into an account. */
export const PUBLIC_PROCEDURES = [
  'auth.signUp',
  'auth.signIn',
  'auth.requestPasswordReset',
  'auth.resetPassword',
] as const;

export function procedures(): ProcedureInfo[] {
  const all = (
    appRouter._def as unknown as {
      procedures: Record<string, { _def: { type: ProcedureInfo['type']; inputs?: unknown[] } }>;
    }
  ).procedures;
  return Object.entries(all)
    .map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs?.[0] as ZodType | undefined }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** One HTTP call as the extension's client makes it (superjson body, `{ json }`), from raw JSON text. */
export async function callRaw(
  trpcUrl: string,
  proc: Pick<ProcedureInfo, 'path' | 'type'>,
  inputJson: string | undefined,
  token?: string,
): Promise<{ status: number; text: string; code: string | null }> {
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  const wrapped = inputJson === undefined ? undefined : `{"json":${inputJson}}`;
  const res =
    proc.type === 'query'
      ? await fetch(
          `${trpcUrl}/${proc.path}${wrapped === undefined ? '' : `?input=${encodeURIComponent(wrapped)}`}`,
          { headers },
        )
      : await fetch(`${trpcUrl}/${proc.path}`, {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: wrapped ?? '',
        });
  const text = await res.text();
  let code: string | null = null;
  try {
    code =
      (JSON.parse(text) as { error?: { json?: { data?: { code?: string } } } }).error?.json?.data?.code ??
      null;
  } catch {
    code = null;
  }
  return { status: res.status, text, code };
}
