import { heldMailListQuerySchema, heldMailReleaseViewSchema, heldMailViewSchema, idParamsSchema, pageOf } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { heldMailNotRoutable } from '../domain/support-errors.js';
import { discardHeldMail, listHeldMail, releaseHeldMail, toHeldMailView, type ReleaseDeps } from './held-mail.js';
import { MailRefused } from './mail-refused.js';

/** Inbound mail whose sender was not proven waits here for ops: release it into support, or discard it. */
export function registerHeldMailRoutes(r: RouteRegistrar, deps: ReleaseDeps & { eventsRecorded: () => void }) {
  r.route({
    method: 'get',
    path: '/held-mails',
    summary: 'Inbound mail held because SPF/DKIM/DMARC did not prove its sender (ops)',
    description: 'Newest first, with the verdicts; the content stays sealed. `status` shows released or discarded ones.',
    tags: ['mail'],
    roles: ['ops'],
    query: heldMailListQuerySchema,
    response: pageOf(heldMailViewSchema),
    handler: async ({ query }) => listHeldMail(deps.prisma, { status: query.status }, query),
  });

  r.route({
    method: 'post',
    path: '/held-mails/:id/release',
    summary: 'Release a held mail: it opens or continues a query as if its sender were proven (ops)',
    description: 'Still only from a registered address of the customer (else 422). A mail already decided is 409.',
    tags: ['mail'],
    roles: ['ops'],
    params: idParamsSchema,
    response: heldMailReleaseViewSchema,
    handler: async ({ params, principal, log }) => {
      try {
        const outcome = await releaseHeldMail(deps, params.id, principal.subject);
        deps.eventsRecorded();
        const heldMail = toHeldMailView(await deps.prisma.heldInboundMail.findUniqueOrThrow({ where: { id: params.id } }));
        log.info({ heldMailId: params.id, outcome: outcome.kind }, 'held mail released');
        return { heldMail, outcome: outcome.kind, queryId: 'queryId' in outcome ? outcome.queryId : null };
      } catch (error) {
        if (error instanceof MailRefused) throw heldMailNotRoutable(error.message.replace(/^\d\.\d\.\d+ /, ''));
        throw error;
      }
    },
  });

  r.route({
    method: 'post',
    path: '/held-mails/:id/discard',
    summary: 'Discard a held mail: its content is erased, the record of its verdicts stays (ops)',
    tags: ['mail'],
    roles: ['ops'],
    params: idParamsSchema,
    response: heldMailViewSchema,
    handler: async ({ params, principal }) => toHeldMailView(await discardHeldMail(deps.prisma, params.id, principal.subject)),
  });
}
