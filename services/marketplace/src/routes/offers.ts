import { idParamsSchema, offerBodySchema, offerParamsSchema, offerViewSchema } from '@guild/contracts';
import { notFound, type RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { editOffer, offersSeenByCustomer, withdrawOffer } from '../domain/change-offer.js';
import { findVisibleJob, isJobCustomer } from '../domain/find-job.js';
import { recommendedOffers } from '../domain/hiring-steps.js';
import { submitOffer } from '../domain/submit-offer.js';
import { toOfferView } from '../domain/views.js';
import type { MarketplaceRouteDeps } from './deps.js';

const contactRule = 'Scope, schedule and notes carry no contact details (emails, phones, links, messenger handles, also spelled out): 422 `contact_details` names what was found.';

export function registerOfferRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: MarketplaceRouteDeps) {
  r.route({
    method: 'post',
    path: '/jobs/:id/offers',
    summary: 'Send an offer: an hourly rate or a fixed price, scope, schedule, whether it is an estimate',
    description: `The offer is a final quote. ${contactRule} An hourly rate below your own, or a job no longer open, is 422.`,
    tags: ['offers'],
    roles: ['expert'],
    params: idParamsSchema,
    body: offerBodySchema,
    response: offerViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const offer = await submitOffer(prisma, params.id, principal.expertId!, body);
      eventsRecorded();
      return toOfferView(offer);
    },
  });

  r.route({
    method: 'put',
    path: '/jobs/:id/offers/:offerId',
    summary: 'Edit your offer while the customer has not seen it',
    description: `Once the customer has seen it, 409 \`offer_final\`: withdraw it instead. ${contactRule}`,
    tags: ['offers'],
    roles: ['expert'],
    params: offerParamsSchema,
    body: offerBodySchema,
    response: offerViewSchema,
    handler: async ({ params, body, principal }) => toOfferView(await editOffer(prisma, params.id, params.offerId, principal.expertId!, body)),
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/offers/:offerId/withdrawal',
    summary: 'Withdraw your open offer',
    tags: ['offers'],
    roles: ['expert', 'ops'],
    params: offerParamsSchema,
    response: offerViewSchema,
    handler: async ({ params, principal }) => {
      const offer = await withdrawOffer(prisma, params.id, params.offerId, principal.role === 'expert' ? principal.expertId! : undefined);
      eventsRecorded();
      return toOfferView(offer);
    },
  });

  r.route({
    method: 'get',
    path: '/jobs/:id/offers',
    summary: "The job's offers, best match first among the open ones (the customer's view marks them seen: final from then on)",
    tags: ['offers'],
    roles: ['customer', 'expert', 'ops'],
    params: idParamsSchema,
    response: z.object({ items: z.array(offerViewSchema.extend({ score: z.number().nullable() })) }),
    handler: async ({ params, principal }) => {
      const job = await findVisibleJob(prisma, principal, params.id);
      if (principal.role === 'expert') {
        const own = await prisma.offer.findMany({ where: { jobId: job.id, expertId: principal.expertId! } });
        return { items: own.map((o) => ({ ...toOfferView(o), score: null })) };
      }
      if (principal.role === 'customer' && !isJobCustomer(principal, job)) throw notFound('job');
      const all = principal.role === 'customer' ? await offersSeenByCustomer(prisma, job.id) : await prisma.offer.findMany({ where: { jobId: job.id }, take: 500 });
      const ranked = await recommendedOffers(prisma, job);
      const scoreOf = new Map(ranked.map((x) => [x.offer.id, x.score]));
      const order = new Map(ranked.map((x, i) => [x.offer.id, i]));
      const items = all.map((o) => ({ ...toOfferView(o), score: scoreOf.get(o.id) ?? null }));
      items.sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
      return { items };
    },
  });
}
