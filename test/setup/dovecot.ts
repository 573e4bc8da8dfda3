// Vitest globalSetup: a real IMAP server (Debian's dovecot-imapd) on loopback for the whole run,
// for reply detection (server/services/replies.ts). IMAP with STARTTLS and IMAP over TLS, a
// self-signed certificate made per run, mailboxes in a throw-away folder. Tests add their own
// mailbox users (test/support/dovecot.ts), one passwd-file each.
//
// Dovecot runs its login processes as `dovenull` and the mail processes as `dovecot`, so the
// setup runs as root (as the tests do here).
import { spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { makeTestCertificate } from '../../server/testing/tls-smtp-server';

export const DOVECOT_BIN = '/usr/sbin/dovecot';
export const DOVECOT_NOT_INSTALLED =
  'Dovecot (IMAP server for the reply-detection tests) is not installed. Install it with: apt-get update && apt-get install -y dovecot-imapd';

export interface DovecotInfo {
  host: string;
  /** IMAP with STARTTLS */
  imapPort: number;
  /** IMAP over TLS from the first byte */
  imapsPort: number;
  /** The folder of mailbox users: one passwd-file per user, `<name>.passwd` (`name:{PLAIN}password`). */
  usersDir: string;
  /** The server's certificate (PEM): what a client must trust. */
  cert: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dovecot: DovecotInfo;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(DOVECOT_BIN)) throw new Error(DOVECOT_NOT_INSTALLED);
  const dir = mkdtempSync(join(tmpdir(), 'reachlog-imap-'));
  chmodSync(dir, 0o755);
  const home = join(dir, 'home');
  mkdirSync(home);
  const uid = Number(execFileSync('id', ['-u', 'dovecot'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'dovecot'], { encoding: 'utf8' }).trim());
  chownSync(home, uid, gid);
  const { cert, key } = await makeTestCertificate();
  writeFileSync(join(dir, 'cert.pem'), cert);
  writeFileSync(join(dir, 'key.pem'), key, { mode: 0o600 });
  const usersDir = join(dir, 'users');
  mkdirSync(usersDir, { mode: 0o755 });
  const [imapPort, imapsPort] = [await freePort(), await freePort()];
  const log = join(dir, 'dovecot.log');
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${log}
ssl = required
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
mail_location = maildir:~/Maildir
# The mail processes run as the dovecot system user, below the default first_valid_uid (500).
first_valid_uid = ${uid}
first_valid_gid = ${gid}
# One file per user: dovecot re-reads a changed passwd-file at most once a second, so a user
# appended to a shared file right after another login was refused for up to a second. A new
# user's file is one dovecot has never read.
passdb {
  driver = passwd-file
  args = ${usersDir}/%u.passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${home}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    port = ${imapPort}
  }
  inet_listener imaps {
    port = ${imapsPort}
    ssl = yes
  }
}
service anvil {
  chroot =
}
`,
  );
  const child: ChildProcess = spawn(DOVECOT_BIN, ['-c', conf, '-F'], { stdio: 'ignore' });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 15_000;
  while (!(await accepts(imapPort)) || !(await accepts(imapsPort))) {
    if (exited || Date.now() > deadline) {
      const why = existsSync(log) ? readFileSync(log, 'utf8') : '(no log)';
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`dovecot did not start:\n${why}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  project.provide('dovecot', { host: '127.0.0.1', imapPort, imapsPort, usersDir, cert });

  return async () => {
    if (!exited) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
