import { mailAddressesRequestSchema, mailAddressesSchema, type RouteRegistrar } from '@guild/platform';
import { mailAddressesFrom } from '../mail/mail-addresses.js';
import type { IdentityRouteDeps } from './deps.js';

export function registerMailAddressRoutes(r: RouteRegistrar, deps: IdentityRouteDeps) {
  const addressesOf = mailAddressesFrom(deps.prisma);

  r.route({
    method: 'post',
    path: '/people/mail-addresses',
    summary: "People's current mail addresses, for a mail relay about to send (services only)",
    description:
      'Takes up to 100 recipients (a company: its active members; a user; an expert; ops: the active ops team) and answers ' +
      'every address they stand for, each once, plus the recipients that stand for nobody. Services ask at send time and keep no copy.',
    tags: ['people'],
    roles: ['service'],
    body: mailAddressesRequestSchema,
    response: mailAddressesSchema,
    handler: async ({ body }) => addressesOf(body.recipients),
  });
}
