// The whole API. The extension imports `AppRouter` type-only; nothing here reaches its bundle.
import { router } from '../trpc';
import { authRouter } from './auth';
import { draftsRouter } from './drafts';
import { historyRouter } from './history';
import { outreachRouter } from './outreach';
import { imapRouter, repliesRouter } from './replies';
import { smtpRouter } from './smtp';
import { statsRouter } from './stats';
import { syncRouter } from './sync';

export const appRouter = router({
  auth: authRouter,
  outreach: outreachRouter,
  drafts: draftsRouter,
  history: historyRouter,
  stats: statsRouter,
  smtp: smtpRouter,
  imap: imapRouter,
  replies: repliesRouter,
  sync: syncRouter,
});

export type AppRouter = typeof appRouter;
