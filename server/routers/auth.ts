import {
  ZRequestPasswordResetInput,
  ZResetPasswordInput,
  ZSignInInput,
  ZSignUpInput,
  ZVerifyEmailInput,
} from '../../shared/schemas/auth';
import { authedProcedure, publicProcedure, router } from '../trpc';

export const authRouter = router({
  signUp: publicProcedure
    .input(ZSignUpInput)
    .mutation(({ ctx, input }) => ctx.services.auth.signUp(input, { ip: ctx.ip })),
  signIn: publicProcedure
    .input(ZSignInInput)
    .mutation(({ ctx, input }) => ctx.services.auth.signIn(input, { ip: ctx.ip })),
  signOut: authedProcedure.mutation(({ ctx }) => ctx.services.auth.signOut(ctx.token)),
  me: authedProcedure.query(({ ctx }) => ctx.services.auth.account(ctx.user)),
  /** E-mails a new code that confirms the account's address. */
  sendVerificationCode: authedProcedure.mutation(({ ctx }) =>
    ctx.services.auth.sendVerificationCode(ctx.user, { ip: ctx.ip }),
  ),
  verifyEmail: authedProcedure
    .input(ZVerifyEmailInput)
    .mutation(({ ctx, input }) => ctx.services.auth.verifyEmail(ctx.user, input.code)),
  /** Forgot the password: a reset code goes to the address if it has an account. */
  requestPasswordReset: publicProcedure
    .input(ZRequestPasswordResetInput)
    .mutation(({ ctx, input }) => ctx.services.auth.requestPasswordReset(input, { ip: ctx.ip })),
  resetPassword: publicProcedure
    .input(ZResetPasswordInput)
    .mutation(({ ctx, input }) => ctx.services.auth.resetPassword(input, { ip: ctx.ip })),
});
