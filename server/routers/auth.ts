import { ZSignInInput, ZSignUpInput } from '../../shared/schemas/auth';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  signUp: publicProcedure
    .input(ZSignUpInput)
    .mutation(({ ctx, input }) => ctx.services.auth.signUp(input, { ip: ctx.ip })),
  signIn: publicProcedure
    .input(ZSignInInput)
    .mutation(({ ctx, input }) => ctx.services.auth.signIn(input, { ip: ctx.ip })),
  signOut: authedProcedure.mutation(({ ctx }) => ctx.services.auth.signOut(ctx.token)),
  me: authedProcedure.query(({ ctx }) => ctx.user),
});
