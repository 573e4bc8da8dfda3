import { authedProcedure, router } from '../trpc';

export const statsRouter = router({
  get: authedProcedure.query(({ ctx }) => ctx.services.stats.get(ctx.user.id)),
});
