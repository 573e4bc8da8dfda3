import { ZSmtpSettingsInput, ZSmtpTestInput } from '../../shared/schemas/smtp';
import { authedProcedure, router } from '../trpc';

/** The signed-in user's own mail server (takes precedence over the server's SMTP_URL). */
export const smtpRouter = router({
  get: authedProcedure.query(({ ctx }) => ctx.services.smtp.get(ctx.user.id)),
  set: authedProcedure
    .input(ZSmtpSettingsInput)
    .mutation(({ ctx, input }) => ctx.services.smtp.set(ctx.user.id, input)),
  clear: authedProcedure.mutation(({ ctx }) => ctx.services.smtp.clear(ctx.user.id)),
  test: authedProcedure
    .input(ZSmtpTestInput)
    .mutation(({ ctx, input }) => ctx.services.smtp.test(ctx.user.id, input)),
});
