// The log's safety net: whatever a log call is handed, credentials come out as [redacted].
import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger({ level: 'debug', stream }) };
}

it('redacts authorization headers, passwords, tokens and SMTP secrets wherever they sit', () => {
  const { lines, log } = capture();
  log.info({
    req: { headers: { authorization: 'Bearer tok-header-1', cookie: 'session=tok-cookie-2' } },
    headers: { Authorization: 'Bearer tok-header-3' },
    password: 'pw-top-4',
    input: { email: 'a@b.example', password: 'pw-input-5', newPassword: 'pw-new-6', token: 'tok-input-7' },
    token: 'tok-top-8',
    smtp: { pass: 'smtp-pass-9', password: 'smtp-password-10', passwordEnc: 'sealed-11' },
    auth: { user: 'me', pass: 'smtp-auth-pass-12' },
    url: 'smtps://relay:relay-url-pass-13@mail.example:465',
    err: Object.assign(new Error('login failed'), { auth: { user: 'u', pass: 'err-pass-14' } }),
  });
  const out = lines.join('');
  for (const secret of [
    'tok-header-1',
    'tok-cookie-2',
    'tok-header-3',
    'pw-top-4',
    'pw-input-5',
    'pw-new-6',
    'tok-input-7',
    'tok-top-8',
    'smtp-pass-9',
    'smtp-password-10',
    'sealed-11',
    'smtp-auth-pass-12',
    'relay-url-pass-13',
    'err-pass-14',
  ])
    expect(out, secret).not.toContain(secret);
  expect(out).toContain('[redacted]');
  expect(out).toContain('a@b.example'); // what is not a secret stays
});
