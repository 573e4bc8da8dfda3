import { ZPullInput, ZPushInput, type TPoke } from '../../shared/schemas/sync';
import { authedProcedure, router } from '../trpc';
import { pokesFor } from './sync-pokes';

export const syncRouter = router({
  push: authedProcedure
    .input(ZPushInput)
    .mutation(({ ctx, input }) => ctx.services.sync.push(ctx.user.id, input)),
  pull: authedProcedure
    .input(ZPullInput)
    .query(({ ctx, input }) => ctx.services.sync.pull(ctx.user.id, input)),
  /** Server-sent events: one on connecting, then one whenever the user's data changes. */
  poke: authedProcedure.subscription(async function* ({ ctx, signal }): AsyncGenerator<TPoke> {
    yield* pokesFor(ctx, signal);
  }),
});
