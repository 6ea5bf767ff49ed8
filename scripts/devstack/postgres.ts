import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { endpointOf, isLoopback, redacted, tcpAnswers, waitUntil } from './probes.js';
import { run } from './run.js';
import { fail, say } from './steps.js';

export const defaultDatabaseUrl = 'postgresql://postgres@127.0.0.1:5432/guild';

/** The same server and credentials, another database (the test run's own). */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * PostgreSQL answering at DATABASE_URL. A local server that is installed (Debian package) but
 * stopped is started; the database itself is created by the migration runner.
 */
export async function ensurePostgres(databaseUrl: string): Promise<void> {
  const part = 'PostgreSQL';
  const { host, port } = endpointOf(databaseUrl, 5432);
  if (await tcpAnswers(host, port)) {
    say(part, `answering at ${host}:${port}`);
    return;
  }
  if (!isLoopback(host)) {
    fail(part, `nothing answers at ${host}:${port}`, `start that server, or correct DATABASE_URL (${redacted(databaseUrl)})`);
  }
  const version = await installedClusterVersion();
  if (!version) {
    fail(part, `nothing answers at ${host}:${port} and no PostgreSQL is installed`, 'install it (Debian: apt-get install postgresql) or set DATABASE_URL to a running server, then run again');
  }
  const args = ['--skip-systemctl-redirect', version, 'main', 'start'];
  say(part, `not answering; starting the installed cluster: pg_ctlcluster ${args.join(' ')}`);
  const status = await run('pg_ctlcluster', args);
  const answered = await waitUntil(() => tcpAnswers(host, port), { timeoutMs: 30_000 });
  if (status !== 0 || !answered.ok) {
    fail(part, `pg_ctlcluster ${args.join(' ')} did not bring it up on ${host}:${port}`, 'run that command as root (or the postgres user) and read its error, then run again');
  }
  say(part, `answering at ${host}:${port}`);
}

/** The newest cluster version under /etc/postgresql, as `ls /etc/postgresql` would name it. */
async function installedClusterVersion(): Promise<string | undefined> {
  if (!existsSync('/usr/bin/pg_ctlcluster') || !existsSync('/etc/postgresql')) return undefined;
  const versions = (await readdir('/etc/postgresql')).filter((v) => /^\d+(\.\d+)?$/.test(v));
  return versions.sort((a, b) => Number(b) - Number(a))[0];
}

/** Creates the database if missing and applies pending migrations (packages/db's runner). */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  say('migrations', `npm run migrate -w @guild/db on ${redacted(databaseUrl)}`);
  const status = await run('npm', ['run', '--silent', 'migrate', '-w', '@guild/db'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (status !== 0) fail('migrations', `the migration runner failed (exit ${status})`, 'follow its "What to do" line above, then run again');
}
