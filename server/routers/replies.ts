import { ZImapSettingsInput, ZMarkRepliedInput } from '../../shared/schemas/imap';
import { authedProcedure, router } from '../trpc';

/** The signed-in user's mailbox, read for replies to their e-mails (never for their text). */
export const imapRouter = router({
  get: authedProcedure.query(({ ctx }) => ctx.services.imap.get(ctx.user.id)),
  set: authedProcedure
    .input(ZImapSettingsInput)
    .mutation(({ ctx, input }) => ctx.services.imap.set(ctx.user.id, input)),
  clear: authedProcedure.mutation(({ ctx }) => ctx.services.imap.clear(ctx.user.id)),
});

/** Who answered: the mailbox check, and marks from LinkedIn detection or by hand. */
export const repliesRouter = router({
  check: authedProcedure.mutation(({ ctx }) => ctx.services.replies.check(ctx.user.id)),
  mark: authedProcedure
    .input(ZMarkRepliedInput)
    .mutation(({ ctx, input }) => ctx.services.replies.mark(ctx.user.id, input.id, input.repliedAt)),
});
