import { ZDraftIdInput, ZDraftSendInput, ZDraftUpsertInput } from '../../shared/schemas/drafts';
import { authedProcedure, router } from '../trpc';

export const draftsRouter = router({
  upsert: authedProcedure
    .input(ZDraftUpsertInput)
    .mutation(({ ctx, input }) => ctx.services.drafts.upsert(ctx.user.id, input)),
  delete: authedProcedure
    .input(ZDraftIdInput)
    .mutation(({ ctx, input }) => ctx.services.drafts.delete(ctx.user.id, input.id)),
  list: authedProcedure.query(({ ctx }) => ctx.services.drafts.list(ctx.user.id)),
  send: authedProcedure
    .input(ZDraftSendInput)
    .mutation(({ ctx, input }) => ctx.services.drafts.send(ctx.user.id, input)),
});
