import type { TChannel } from './schemas/history';

/** How a channel is shown, as in the original "Latest attempts" table. */
export const CHANNEL_LABELS: Record<TChannel, string> = {
  email: 'Email',
  linkedin: 'LinkedIn',
  both: 'Email + LinkedIn',
};

export function channelFor(email: boolean, linkedin: boolean): TChannel | null {
  if (email && linkedin) return 'both';
  if (email) return 'email';
  if (linkedin) return 'linkedin';
  return null;
}
