import type { PrismaClient } from '@guild/db';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from './logger.js';
import type { MailRelay } from './mail/mail-relay.js';
import type { MailDirectory } from './mail/recipients.js';
import type { MailTemplates } from './mail/template.js';
import { startOutboxRelay, type OutboxRelay } from './outbox-relay.js';
import { natsReady, prismaReady } from './readiness.js';
import { startServiceMailRelay, type ServiceMailOptions } from './run-service-mail.js';
import type { ServiceAppDeps } from './service-app-deps.js';
import { tokenVerifierFromConfig } from './token-verifier.js';

/** The common variables a service's app is made from (see `commonConfig`). */
interface AppVariables {
  JWT_SECRET?: string | undefined;
  IDENTITY_JWKS_URL?: string | undefined;
  CORS_ORIGINS: string[];
  BODY_LIMIT?: string | undefined;
  METRICS_TOKEN?: string | undefined;
}

interface Connections {
  prisma: PrismaClient;
  nc: NatsConnection;
  logger: Logger;
}

/** The deps every `createServer` takes, from the common config: token checks, CORS, limits, probes. */
export function serviceAppDepsOf({ prisma, nc, logger, config }: Connections & { config: AppVariables }): ServiceAppDeps {
  return {
    prisma,
    logger,
    verifyToken: tokenVerifierFromConfig(config),
    corsOrigins: config.CORS_ORIGINS,
    ...(config.BODY_LIMIT ? { bodyLimit: config.BODY_LIMIT } : {}),
    ...(config.METRICS_TOKEN ? { metricsToken: config.METRICS_TOKEN } : {}),
    readiness: { database: () => prismaReady(prisma), nats: () => natsReady(nc) },
  };
}

export interface ServiceOutboxes {
  relay: OutboxRelay;
  mailRelay: MailRelay;
  /** Identity's people, for services that also ask who is an expert or whether a customer can be mailed. */
  directory: MailDirectory;
  /** Nudges both relays: call it after a commit that wrote an event or a mail. */
  eventsRecorded: () => void;
  /** What `createServer` takes, with the mail counters and `eventsRecorded` filled in. */
  appDeps: ServiceAppDeps & { eventsRecorded: () => void };
}

/**
 * The start every mailing service shares inside `runService`: its outbox relay (events to NATS),
 * its mail relay (people resolved by identity at send time), and the app deps that nudge both.
 * The relays go in the service's `background` list, in the order it wants them stopped.
 */
export function startServiceOutboxes(
  options: Connections & { source: string; templates: MailTemplates; config: AppVariables & ServiceMailOptions['config'] & { EVENT_NAMESPACE: string } },
): ServiceOutboxes {
  const { prisma, nc, logger, source, templates, config } = options;
  const relay = startOutboxRelay({ prisma, nc, namespace: config.EVENT_NAMESPACE, source, logger });
  const { relay: mailRelay, metrics: mailMetrics, directory } = startServiceMailRelay({ source, templates, prisma, logger, config });
  const eventsRecorded = () => {
    relay.nudge();
    mailRelay.nudge();
  };
  return { relay, mailRelay, directory, eventsRecorded, appDeps: { ...serviceAppDepsOf(options), mailMetrics, eventsRecorded } };
}
