import { ZRecordLinkedInInput, ZSendEmailInput } from '../../shared/schemas/outreach';
import { authedProcedure, router } from '../trpc';

export const outreachRouter = router({
  sendEmail: authedProcedure
    .input(ZSendEmailInput)
    .mutation(({ ctx, input }) => ctx.services.outreach.sendEmail(ctx.user.id, input)),
  recordLinkedIn: authedProcedure
    .input(ZRecordLinkedInInput)
    .mutation(({ ctx, input }) => ctx.services.outreach.recordLinkedIn(ctx.user.id, input)),
});
