// The calls the background makes, as one narrow interface: the outbox and the sync engine depend
// on this, not on tRPC, so their tests can run against the real server or a failing stand-in.
import type {
  TAccount,
  TAuthResult,
  TResetPasswordInput,
  TSignInInput,
  TSignUpInput,
} from '@@/shared/schemas/auth';
import type { TDraftSendInput } from '@@/shared/schemas/drafts';
import type {
  TForRecipientInput,
  THistoryListInput,
  THistoryPage,
  THistoryRow,
} from '@@/shared/schemas/history';
import type { TRecordLinkedInInput, TSendEmailInput } from '@@/shared/schemas/outreach';
import type { TSmtpSettings, TSmtpSettingsInput } from '@@/shared/schemas/smtp';
import type { TImapSettings, TImapSettingsInput, TReplyCheckResult } from '@@/shared/schemas/imap';
import type { TPullInput, TPullResult, TPushInput, TPushResult } from '@@/shared/schemas/sync';
import { createApiClient, type ApiClientOptions } from './client';
import { subscribePokes, type PokeHandlers } from './pokes';

export interface ReachlogApi {
  signUp(input: TSignUpInput): Promise<TAuthResult>;
  signIn(input: TSignInInput): Promise<TAuthResult>;
  signOut(): Promise<unknown>;
  me(): Promise<TAccount>;
  sendVerificationCode(): Promise<{ sentTo: string; alreadyConfirmed: boolean }>;
  verifyEmail(code: string): Promise<TAccount>;
  requestPasswordReset(email: string): Promise<{ ok: true }>;
  resetPassword(input: TResetPasswordInput): Promise<TAuthResult>;
  sendEmail(input: TSendEmailInput): Promise<THistoryRow>;
  recordLinkedIn(input: TRecordLinkedInInput): Promise<THistoryRow>;
  sendDraft(input: TDraftSendInput): Promise<THistoryRow>;
  syncPush(input: TPushInput): Promise<TPushResult>;
  syncPull(input: TPullInput): Promise<TPullResult>;
  /** the live poke stream (server-sent events); returns its close */
  pokes(handlers: PokeHandlers): () => void;
  historyList(input: THistoryListInput): Promise<THistoryPage>;
  historyForRecipient(input: TForRecipientInput): Promise<THistoryRow[]>;
  smtpGet(): Promise<TSmtpSettings | null>;
  smtpSet(input: TSmtpSettingsInput): Promise<TSmtpSettings>;
  smtpClear(): Promise<{ ok: true }>;
  smtpTest(input: { to?: string }): Promise<{ ok: true; via: 'user' | 'server'; to: string }>;
  imapGet(): Promise<TImapSettings | null>;
  imapSet(input: TImapSettingsInput): Promise<TImapSettings>;
  imapClear(): Promise<{ ok: true }>;
  repliesCheck(): Promise<TReplyCheckResult>;
  repliesMark(input: { id: number; repliedAt: Date | null }): Promise<THistoryRow>;
}

export function createReachlogApi(opts: ApiClientOptions): ReachlogApi {
  const c = createApiClient(opts);
  return {
    signUp: (input) => c.auth.signUp.mutate(input),
    signIn: (input) => c.auth.signIn.mutate(input),
    signOut: () => c.auth.signOut.mutate(),
    me: () => c.auth.me.query(),
    sendVerificationCode: () => c.auth.sendVerificationCode.mutate(),
    verifyEmail: (code) => c.auth.verifyEmail.mutate({ code }),
    requestPasswordReset: (email) => c.auth.requestPasswordReset.mutate({ email }),
    resetPassword: (input) => c.auth.resetPassword.mutate(input),
    sendEmail: (input) => c.outreach.sendEmail.mutate(input),
    recordLinkedIn: (input) => c.outreach.recordLinkedIn.mutate(input),
    sendDraft: (input) => c.drafts.send.mutate(input),
    syncPush: (input) => c.sync.push.mutate(input),
    syncPull: (input) => c.sync.pull.query(input),
    pokes: (handlers) => subscribePokes(opts, handlers),
    historyList: (input) => c.history.list.query(input),
    historyForRecipient: (input) => c.history.forRecipient.query(input),
    smtpGet: () => c.smtp.get.query(),
    smtpSet: (input) => c.smtp.set.mutate(input),
    smtpClear: () => c.smtp.clear.mutate(),
    smtpTest: (input) => c.smtp.test.mutate(input),
    imapGet: () => c.imap.get.query(),
    imapSet: (input) => c.imap.set.mutate(input),
    imapClear: () => c.imap.clear.mutate(),
    repliesCheck: () => c.replies.check.mutate(),
    repliesMark: (input) => c.replies.mark.mutate(input),
  };
}
