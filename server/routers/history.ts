import { ZForRecipientInput, ZHistoryLatestInput, ZHistoryListInput } from '../../shared/schemas/history';
import { authedProcedure, router } from '../trpc';

export const historyRouter = router({
  latest: authedProcedure
    .input(ZHistoryLatestInput)
    .query(({ ctx, input }) => ctx.services.history.latest(ctx.user.id, input.limit)),
  list: authedProcedure
    .input(ZHistoryListInput)
    .query(({ ctx, input }) => ctx.services.history.list(ctx.user.id, input)),
  forRecipient: authedProcedure
    .input(ZForRecipientInput)
    .query(({ ctx, input }) => ctx.services.history.forRecipient(ctx.user.id, input)),
});
