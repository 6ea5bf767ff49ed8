import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { mailSink, waitForMailSink } from './mail.js';
import { natsServerProcess, waitForNats } from './nats.js';
import { shown } from './paths.js';
import { type PortPlan, ensurePortFree } from './ports.js';
import { defaultDatabaseUrl, ensurePostgres, withDatabase } from './postgres.js';
import { redacted } from './probes.js';
import { serviceUrlVariables } from './services.js';
import { say } from './steps.js';
import { stripeMockServer, waitForStripeMock } from './stripe-mock.js';
import type { ProcessSpec, Supervisor } from './supervisor.js';
import { registerSearchAttributes, temporalDevServer, waitForTemporal } from './temporal.js';
import { findOrBuild, natsServer, stripeMock, temporalCli } from './tools.js';

/** How one command wants its servers: `npm start` keeps state, `npm test` starts clean. */
export interface Profile {
  ports: PortPlan;
  /** SQLite file of the Temporal dev server; undefined keeps it in memory. */
  temporalDb: string | undefined;
  /** Where JetStream keeps streams; `fresh` empties it first, as a test run wants. */
  natsStore: { dir: string; fresh: boolean };
  /** Where maildev keeps mails; undefined keeps them in memory. */
  mailDir: string | undefined;
  logDir: string;
  /** A database of its own on the PostgreSQL server (the test run's), instead of DATABASE_URL's. */
  database: string | undefined;
  eventNamespace: string;
  /** JWT_SECRET and the payload codec keys (TEMPORAL_CODEC_KEYS or TEMPORAL_CODEC_KEYS_FILE). */
  secrets: Record<string, string>;
  /** Tests read mails through the sink's API: an SMTP server of your own then needs MAIL_API_URL too. */
  needsMailApi: boolean;
}

export interface Stack {
  /** What every app process (or test) gets. */
  env: Record<string, string>;
  /** The servers, for the table printed once everything answers. */
  rows: [what: string, where: string][];
  mailApiUrl: string | undefined;
}

/**
 * Finds or starts every server the app needs and waits until each one answers. A variable
 * pointing at a server of your own (TEMPORAL_ADDRESS, NATS_URL, SMTP_URL, STRIPE_SECRET_KEY) means
 * that server is used and none is started; PostgreSQL (DATABASE_URL) is always one already running.
 */
export async function provisionInfra(profile: Profile, supervisor: Supervisor): Promise<Stack> {
  const { ports } = profile;
  const given = process.env;
  const externalTemporal = given.TEMPORAL_ADDRESS || undefined;
  const stripeSecretKey = given.STRIPE_SECRET_KEY || undefined;
  const externalSmtp = given.SMTP_URL && (!profile.needsMailApi || given.MAIL_API_URL) ? given.SMTP_URL : undefined;
  const serverUrl = given.DATABASE_URL || defaultDatabaseUrl;
  const databaseUrl = profile.database ? withDatabase(serverUrl, profile.database) : serverUrl;
  const externalNats = given.NATS_URL || undefined;
  const natsUrl = externalNats ?? `nats://127.0.0.1:${ports.nats}`;
  const namespace = given.TEMPORAL_NAMESPACE || 'default';
  const temporalAddress = externalTemporal ?? `127.0.0.1:${ports.temporal}`;
  const stripeApiUrl = `http://127.0.0.1:${ports.stripeMock}`;

  const portChecks: Promise<void>[] = [];
  if (!externalTemporal) {
    portChecks.push(ensurePortFree('Temporal', ports.temporal, 'set TEMPORAL_ADDRESS to use a server that is already running'));
    if (ports.temporalUi) portChecks.push(ensurePortFree('Temporal UI', ports.temporalUi, ''));
  }
  if (!externalNats) portChecks.push(ensurePortFree('NATS', ports.nats, 'set NATS_URL to use a server that is already running'));
  if (!stripeSecretKey) portChecks.push(ensurePortFree('stripe-mock', ports.stripeMock, ''));
  if (!externalSmtp) {
    portChecks.push(ensurePortFree('mail sink', ports.smtp, 'set SMTP_URL to use another SMTP server'));
    portChecks.push(ensurePortFree('mail sink', ports.mailWeb, ''));
  }
  await Promise.all(portChecks);

  const servers: ProcessSpec[] = [];
  await mkdir(profile.logDir, { recursive: true });
  const logFile = (name: string) => path.join(profile.logDir, `${name}.log`);
  if (externalTemporal) {
    say('Temporal', `using TEMPORAL_ADDRESS=${externalTemporal}; starting none`);
  } else {
    const binary = await findOrBuild(temporalCli);
    if (profile.temporalDb) await mkdir(path.dirname(profile.temporalDb), { recursive: true });
    servers.push(temporalDevServer(binary, { port: ports.temporal, uiPort: ports.temporalUi, dbFile: profile.temporalDb, namespace, logFile: logFile('temporal') }));
    say('Temporal', `starting the dev server on ${temporalAddress}${ports.temporalUi ? `, UI on :${ports.temporalUi}` : ', headless'}, ${profile.temporalDb ? `state in ${shown(profile.temporalDb)}` : 'in memory'} (log: ${shown(logFile('temporal'))})`);
  }
  if (externalNats) {
    say('NATS', `using NATS_URL=${redacted(externalNats)}; starting none`);
  } else {
    const binary = await findOrBuild(natsServer);
    const { dir, fresh } = profile.natsStore;
    if (fresh) await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    servers.push(natsServerProcess(binary, { port: ports.nats, storeDir: dir, logFile: logFile('nats') }));
    say('NATS', `starting nats-server with JetStream on ${natsUrl}, streams in ${shown(dir)}${fresh ? ' (emptied first)' : ''} (log: ${shown(logFile('nats'))})`);
  }
  if (stripeSecretKey) {
    say('Stripe', 'using STRIPE_SECRET_KEY (real Stripe test mode); starting no stripe-mock');
  } else {
    const binary = await findOrBuild(stripeMock);
    servers.push(stripeMockServer(binary, ports.stripeMock, logFile('stripe-mock')));
    say('stripe-mock', `starting on ${stripeApiUrl} (log: ${shown(logFile('stripe-mock'))})`);
  }
  if (externalSmtp) {
    say('mail sink', `using SMTP_URL=${redacted(externalSmtp)}; starting none`);
  } else {
    if (profile.mailDir) await mkdir(profile.mailDir, { recursive: true });
    servers.push(mailSink({ smtp: ports.smtp, web: ports.mailWeb }, profile.mailDir, logFile('maildev')));
    say('mail sink', `starting maildev, SMTP :${ports.smtp}, UI :${ports.mailWeb}${profile.mailDir ? `, mails in ${shown(profile.mailDir)}` : ''} (log: ${shown(logFile('maildev'))})`);
  }
  if (servers.length > 0) supervisor.start(servers);

  const gaveUp = (name: string) => () => {
    const exit = supervisor.exitOf(name);
    return exit && `${exit}${lastLines(logFile(name))}`;
  };
  await Promise.all([
    ensurePostgres(databaseUrl),
    externalNats
      ? waitForNats(externalNats, { gaveUp: () => undefined, remedy: 'start that server, or correct NATS_URL' })
      : waitForNats(natsUrl, { gaveUp: gaveUp('nats'), remedy: `read ${shown(logFile('nats'))}, then run again` }),
    externalTemporal
      ? waitForTemporal(externalTemporal, namespace, { gaveUp: () => undefined, remedy: 'start that server, or correct TEMPORAL_ADDRESS' }).then(() =>
          registerSearchAttributes(externalTemporal, namespace),
        )
      : waitForTemporal(temporalAddress, namespace, { gaveUp: gaveUp('temporal'), remedy: `read ${shown(logFile('temporal'))}, then run again` }),
    stripeSecretKey ? Promise.resolve() : waitForStripeMock(stripeApiUrl, gaveUp('stripe-mock'), logFile('stripe-mock')),
    externalSmtp ? Promise.resolve() : waitForMailSink({ smtp: ports.smtp, web: ports.mailWeb }, gaveUp('maildev'), logFile('maildev')),
  ]);

  const smtpUrl = externalSmtp ?? `smtp://127.0.0.1:${ports.smtp}`;
  const mailApiUrl = externalSmtp ? given.MAIL_API_URL : `http://127.0.0.1:${ports.mailWeb}`;
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    EVENT_NAMESPACE: profile.eventNamespace,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE: given.TEMPORAL_TASK_QUEUE || 'guild',
    ...profile.secrets,
    SMTP_URL: smtpUrl,
    ...(stripeSecretKey ? { STRIPE_SECRET_KEY: stripeSecretKey } : { STRIPE_API_URL: stripeApiUrl }),
    LOG_LEVEL: given.LOG_LEVEL || 'info',
    LOG_BUFFER_BYTES: given.LOG_BUFFER_BYTES || '0',
    ...serviceUrlVariables(),
  };
  const rows: Stack['rows'] = [
    ...(externalTemporal || !ports.temporalUi ? [] : [['Temporal UI', `http://127.0.0.1:${ports.temporalUi}`] as [string, string]]),
    ['Temporal gRPC', temporalAddress],
    ...(mailApiUrl ? [['mail sink UI', `${mailApiUrl}  (SMTP ${smtpUrl})`] as [string, string]] : [['SMTP', redacted(smtpUrl)] as [string, string]]),
    stripeSecretKey ? ['Stripe', 'api.stripe.com (STRIPE_SECRET_KEY)'] : ['stripe-mock', stripeApiUrl],
    ['NATS', redacted(natsUrl)],
    ['PostgreSQL', redacted(databaseUrl)],
  ];
  return { env, rows, mailApiUrl };
}

/** The end of a server's log, to show with the news that it died. */
function lastLines(file: string, count = 15): string {
  if (!existsSync(file)) return '';
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-count);
  return lines.length ? `; last lines of ${shown(file)}:\n    ${lines.join('\n    ')}` : '';
}
