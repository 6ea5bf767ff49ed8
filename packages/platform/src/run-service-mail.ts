import type { PrismaClient } from '@guild/db';
import { z } from 'zod';
import type { Logger } from './logger.js';
import { identityMailDirectory } from './mail/identity-directory.js';
import { startMailRelay, type MailRelay } from './mail/mail-relay.js';
import type { MailDirectory } from './mail/recipients.js';
import { createMailMetrics, type MailMetrics } from './mail/metrics.js';
import type { MailTemplates } from './mail/template.js';
import { serviceTokenSource } from './service-token.js';

/** How a service reaches identity, which resolves the people it mails when each mail is sent. */
export const identityClientConfig = {
  IDENTITY_URL: z.url().default('http://127.0.0.1:4020'),
  SERVICE_CLIENT_ID: z.string().min(1).optional(),
  SERVICE_CLIENT_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
};

export interface ServiceMailOptions {
  source: string;
  templates: MailTemplates;
  prisma: PrismaClient;
  logger: Logger;
  config: {
    IDENTITY_URL: string;
    SERVICE_CLIENT_ID?: string | undefined;
    SERVICE_CLIENT_SECRET?: string | undefined;
    JWT_SECRET?: string | undefined;
    SMTP_URL: string;
    MAIL_FROM: string;
  };
}

/**
 * The mail relay of a service other than identity, as runService's background part: people are
 * resolved through identity with the service's own token, and the metrics go on its `/metrics`.
 * The directory is returned for services that also ask identity about people (who is an expert).
 */
export function startServiceMailRelay({ source, templates, prisma, logger, config }: ServiceMailOptions): {
  relay: MailRelay;
  metrics: MailMetrics;
  directory: MailDirectory;
} {
  const metrics = createMailMetrics(source);
  const serviceToken = serviceTokenSource({
    identityUrl: config.IDENTITY_URL,
    clientId: config.SERVICE_CLIENT_ID,
    clientSecret: config.SERVICE_CLIENT_SECRET,
    jwtSecret: config.JWT_SECRET,
    devSubject: source,
  });
  const directory = identityMailDirectory({ identityUrl: config.IDENTITY_URL, serviceToken });
  const relay = startMailRelay({
    prisma,
    source,
    templates,
    directory,
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    logger,
    metrics,
  });
  return { relay, metrics, directory };
}
