// `npm test`: check the machine has what the tests drive (Chromium, Firefox ESR, PostgreSQL), make sure the
// Prisma clients and the extension build exist, then hand over to Vitest and exit with its code.
// Extra arguments go to Vitest: `npm test -- --project unit`, `npm test -- test/e2e/smoke.test.ts`.
//
// A missing tool is an error with the install command, never a silent skip: a green run must
// mean every test ran.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const APT = 'apt-get update && apt-get install -y';

/** Vitest project names selected with --project (globs allowed); null = all projects. */
function selectedProjects(argv) {
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--project' && argv[i + 1] !== undefined) names.push(argv[++i]);
    else if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
  }
  return names.length > 0 ? names : null;
}

function globToRegExp(glob) {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

const projects = selectedProjects(args);
const runs = (name) => projects === null || projects.some((p) => globToRegExp(p).test(name));
const needsBrowser = runs('e2e');
const needsPostgres = runs('integration-pg') || runs('server-pg') || runs('e2e'); // e2e: two server processes on one PostgreSQL database
// reply detection is tested against a real IMAP server (test/setup/dovecot.ts)
const needsDovecot = runs('integration') || runs('integration-pg');

function fail(message) {
  console.error(`\nnpm test: ${message}`);
  process.exit(1);
}

function findPostgresBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = path.join(base, v, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

// --- Preflight -------------------------------------------------------------------------------
if (needsBrowser) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    fail(`Chromium is missing (looked for ${chromium}). Install it with: ${APT} chromium`);
  }
}
if (needsBrowser) {
  const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(firefox)) {
    fail(`Firefox ESR is missing (looked for ${firefox}). Install it with: ${APT} firefox-esr`);
  }
}
if (needsPostgres && findPostgresBin() === null) {
  fail(
    `PostgreSQL is missing (no /usr/lib/postgresql/*/bin/initdb and pg_ctl). Install it with: ${APT} postgresql`,
  );
}

if (needsDovecot && !existsSync('/usr/sbin/dovecot')) {
  fail(
    `Dovecot (the IMAP server of the reply-detection tests) is missing. Install it with: ${APT} dovecot-imapd`,
  );
}

/** Runs a command quietly; on failure prints its output and stops. `label` names the work done. */
function quietly(label, cmd, cmdArgs) {
  const started = Date.now();
  const result = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', env: process.env });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    fail(`${[cmd, ...cmdArgs].join(' ')} failed (its output is above).`);
  }
  console.log(`npm test: ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

// --- Prisma clients ----------------------------------------------------------------------------
// postinstall generates them; a checkout that skipped install scripts would not have them.
if (!existsSync(path.join(root, 'server/db/generated'))) {
  const hasSchema = ['sqlite', 'postgres'].some((db) =>
    existsSync(path.join(root, `prisma/${db}/schema.prisma`)),
  );
  if (hasSchema) quietly('generated the Prisma clients', 'npm', ['run', '--silent', 'prisma:generate']);
}

// --- Extension build for the browser tests --------------------------------------------------------
if (needsBrowser) {
  quietly('built the extension for Chromium', 'npx', ['wxt', 'build']);
  quietly('built the extension for Firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
}

// --- Vitest -----------------------------------------------------------------------------------
const vitest = spawn('npx', ['vitest', 'run', ...args], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => vitest.kill(signal));
}
vitest.on('exit', (code, signal) => {
  if (signal) {
    console.error(`npm test: vitest was stopped by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
