// Accounts as a user lives them, over HTTP with the real relay (an SMTP server on loopback that
// records what it accepts): weak passwords are refused in plain words; the relay sends nothing
// for an account until its e-mail address is confirmed with the code mailed to it; a forgotten
// password is reset with a mailed code, which signs out every old session.
import { describe, expect, it } from 'vitest';
import { emailSend } from '../support/fixtures';
import { codeIn, setupTestServer, takeCodeMail, uniqueEmail } from '../support/server';
import { failure } from '../support/trpc-errors';

const t = setupTestServer();
const STRONG = 'violet-harbour-kettle-42';

describe('choosing a password', () => {
  it.each([
    [
      '12345678',
      'This password is too easy to guess (this is a heavily used password). Add more words that are less common.',
    ],
    [
      'password',
      'This password is too easy to guess (this is a heavily used password). Add more words that are less common.',
    ],
    [
      'qwertyuiop',
      'This password is too easy to guess (this is a frequently used password). Add more words that are less common.',
    ],
    [
      'short',
      'Your password is too short: use at least 8 characters. A few unrelated words make a good one.',
    ],
  ])('%s is refused, saying why in plain words', async (password, message) => {
    const err = await failure(t.server.client().auth.signUp.mutate({ email: uniqueEmail(), password }));
    expect(err).toMatchObject({ code: 'BAD_REQUEST', message });
  });

  it('a password made of the e-mail address or name is refused', async () => {
    const err = await failure(
      t.server.client().auth.signUp.mutate({
        email: uniqueEmail('morgan'),
        password: 'morganellery',
        name: 'Morgan Ellery',
      }),
    );
    expect(err.message).toBe(
      'This password is too easy to guess (it contains your name or e-mail address). Add more words that are less common.',
    );
  });
});

describe('confirming the e-mail address', () => {
  it('sign-up mails a code; until it is entered the relay sends nothing for the account', async () => {
    const u = await t.server.signUpUser({ confirm: false });
    expect(u.user.emailVerified).toBe(false);
    const mail = await takeCodeMail(t.server.smtp, u.email, 'Confirm your e-mail address');
    expect(mail.from).toEqual(['reachlog@relay.example.com']);
    expect(mail.text).toMatch(/Your Reachlog confirmation code is \d{6}/);

    const before = t.server.smtp.messages.length;
    const refused = await failure(u.client.outreach.sendEmail.mutate(emailSend()));
    expect(refused).toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: `Confirm your e-mail address first: enter the code sent to ${u.email} in Settings → Account (or use your own mail server).`,
    });
    expect((await failure(u.client.smtp.test.mutate({}))).code).toBe('PRECONDITION_FAILED');
    expect(t.server.smtp.messages.length).toBe(before);
    expect(await u.client.history.latest.query()).toEqual([]);
    // LinkedIn records need no mail.
    expect(
      (
        await u.client.outreach.recordLinkedIn.mutate({
          sendId: crypto.randomUUID(),
          recipient: { name: 'Lena', linkedinUrl: 'https://www.linkedin.com/in/lena-l/' },
          message: 'Hi Lena',
        })
      ).status,
    ).toBe('sent');

    // A wrong code is refused; the right one confirms the address and the relay sends.
    const code = codeIn(mail);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await failure(u.client.auth.verifyEmail.mutate({ code: wrong }))).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'That code is not right: check the 6 digits in the latest e-mail, or ask for a new code.',
    });
    expect(await u.client.auth.verifyEmail.mutate({ code })).toMatchObject({ emailVerified: true });
    expect(await u.client.auth.me.query()).toMatchObject({ email: u.email, emailVerified: true });
    const sent = emailSend();
    expect((await u.client.outreach.sendEmail.mutate(sent)).status).toBe('sent');
    expect(t.server.smtp.to(sent.recipient.email)).toHaveLength(1);
  });

  it('a new code can be asked for; the old one stops working; three wrong tries end a code', async () => {
    const u = await t.server.signUpUser({ confirm: false });
    const first = codeIn(await takeCodeMail(t.server.smtp, u.email, 'Confirm'));
    expect(await u.client.auth.sendVerificationCode.mutate()).toEqual({
      sentTo: u.email,
      alreadyConfirmed: false,
    });
    const second = codeIn(await takeCodeMail(t.server.smtp, u.email, 'Confirm'));
    let wrongTries = 0;
    if (first !== second) {
      expect((await failure(u.client.auth.verifyEmail.mutate({ code: first }))).code).toBe('BAD_REQUEST');
      wrongTries += 1;
    }
    const wrong = second === '000000' ? '111111' : '000000';
    for (; wrongTries < 3; wrongTries++) await failure(u.client.auth.verifyEmail.mutate({ code: wrong }));
    expect((await failure(u.client.auth.verifyEmail.mutate({ code: second }))).message).toBe(
      'Too many wrong codes: ask for a new one and use the latest e-mail.',
    );
    await u.client.auth.sendVerificationCode.mutate();
    const third = codeIn(await takeCodeMail(t.server.smtp, u.email, 'Confirm'));
    expect((await u.client.auth.verifyEmail.mutate({ code: third })).emailVerified).toBe(true);
    expect(await u.client.auth.sendVerificationCode.mutate()).toEqual({
      sentTo: u.email,
      alreadyConfirmed: true,
    });
  });

  it('codes are not handed out without end', async () => {
    const u = await t.server.signUpUser({ confirm: false });
    await takeCodeMail(t.server.smtp, u.email, 'Confirm');
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(
        await u.client.auth.sendVerificationCode.mutate().then(
          () => 'OK',
          async (e: unknown) => (await failure(Promise.reject(e))).code ?? '?',
        ),
      );
    }
    expect(codes).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'TOO_MANY_REQUESTS']);
    t.server.smtp.messages.splice(0); // the codes of this test
  });
});

describe('a forgotten password', () => {
  it('is reset with the mailed code: old sessions end, the old password stops, the new one works', async () => {
    const u = await t.server.signUpUser({ confirm: false });
    await takeCodeMail(t.server.smtp, u.email, 'Confirm');
    const other = await t.server.client().auth.signIn.mutate({ email: u.email, password: u.password });

    expect(await t.server.client().auth.requestPasswordReset.mutate({ email: u.email })).toEqual({
      ok: true,
    });
    const mail = await takeCodeMail(t.server.smtp, u.email, 'Reset your Reachlog password');
    expect(mail.text).toMatch(/Your Reachlog password reset code is \d{6}/);
    const code = codeIn(mail);

    // The new password is judged like a sign-up's; a wrong code changes nothing.
    expect(
      await failure(
        t.server.client().auth.resetPassword.mutate({ email: u.email, code, password: '12345678' }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^This password is too easy to guess/),
    });
    const wrong = code === '000000' ? '111111' : '000000';
    expect(
      (
        await failure(
          t.server.client().auth.resetPassword.mutate({ email: u.email, code: wrong, password: STRONG }),
        )
      ).message,
    ).toBe('That code is not right: check the 6 digits in the latest e-mail, or ask for a new code.');

    const reset = await t.server
      .client()
      .auth.resetPassword.mutate({ email: u.email, code, password: STRONG });
    // The code proved the address, so it is confirmed too.
    expect(reset.user).toMatchObject({ id: u.user.id, email: u.email, emailVerified: true });
    expect(await t.server.client(reset.token).auth.me.query()).toMatchObject({ id: u.user.id });
    for (const old of [u.token, other.token])
      expect((await failure(t.server.client(old).auth.me.query())).code).toBe('UNAUTHORIZED');
    expect(
      (await failure(t.server.client().auth.signIn.mutate({ email: u.email, password: u.password }))).code,
    ).toBe('UNAUTHORIZED');
    expect((await t.server.client().auth.signIn.mutate({ email: u.email, password: STRONG })).user.id).toBe(
      u.user.id,
    );
    // A used code does not work twice.
    expect(
      (
        await failure(
          t.server.client().auth.resetPassword.mutate({ email: u.email, code, password: `${STRONG}-2` }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
  });

  it('an address without an account gets the same answer and no mail', async () => {
    const nobody = uniqueEmail('nobody');
    expect(await t.server.client().auth.requestPasswordReset.mutate({ email: nobody })).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(t.server.smtp.to(nobody)).toEqual([]);
  });
});
