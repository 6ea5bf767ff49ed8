import type { PrismaClient } from '@guild/db';
import { startMailRelay, type MailRelay, type MailRelayOptions } from '@guild/platform';
import { IDENTITY_SOURCE } from '../domain/source.js';
import { mailAddressesFrom } from './mail-addresses.js';
import { identityMailTemplates } from './templates.js';

/** Identity's mail relay: it owns people's addresses, so it looks them up in-process, not over HTTP. */
export function startIdentityMailRelay(
  opts: { prisma: PrismaClient } & Omit<MailRelayOptions, 'prisma' | 'source' | 'templates' | 'directory'>,
): MailRelay {
  return startMailRelay({ ...opts, source: IDENTITY_SOURCE, templates: identityMailTemplates, directory: mailAddressesFrom(opts.prisma) });
}
