import { idParamsSchema, jobListQuerySchema, jobViewSchema, onboardingBodySchema, pageOf, postJobBodySchema, selectOfferBodySchema } from '@guild/contracts';
import { badRequest, invalidCursor, notFound, type RouteRegistrar } from '@guild/platform';
import { findVisibleJob, isJobCustomer, selectedExpertOf } from '../domain/find-job.js';
import { completeOnboardingItem } from '../domain/hiring-steps.js';
import { postJob } from '../domain/post-job.js';
import { selectOffer } from '../domain/select-offer.js';
import { toJobView } from '../domain/views.js';
import type { MarketplaceRouteDeps } from './deps.js';
import { z } from 'zod';

export function registerJobRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: MarketplaceRouteDeps) {
  r.route({
    method: 'post',
    path: '/jobs',
    summary: 'Post a job: tasks, budget (hourly with a cap, or fixed), skills, region preference, desired start',
    description: 'Starts the hiring process (`hiring-<jobId>`): invitation waves, offers, the customer’s choice and the launch within 24 hours.',
    tags: ['jobs'],
    roles: ['customer'],
    body: postJobBodySchema,
    response: jobViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ body, principal }) => {
      if (!principal.customerId) throw badRequest('your token names no customer company');
      const job = await postJob(prisma, principal.customerId, principal.subject, body);
      eventsRecorded();
      return toJobView(job, principal);
    },
  });

  r.route({
    method: 'post',
    path: '/customers/:customerId/jobs',
    summary: "Post a job for a customer (a won lead passed to the pool by its owner, or ops)",
    description: 'As `POST /jobs`, for the customer named in the path; starts `hiring-<jobId>`.',
    tags: ['jobs'],
    roles: ['service', 'ops'],
    params: z.object({ customerId: z.string().trim().min(1).max(100) }),
    body: postJobBodySchema,
    response: jobViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const job = await postJob(prisma, params.customerId, principal.subject, body);
      eventsRecorded();
      return toJobView(job, principal);
    },
  });

  r.route({
    method: 'get',
    path: '/jobs',
    summary: "The caller's jobs, newest first (customers: their company's; experts: open jobs; ops: all)",
    tags: ['jobs'],
    roles: ['customer', 'expert', 'ops'],
    query: jobListQuerySchema,
    response: pageOf(jobViewSchema),
    handler: async ({ query, principal }) => {
      const where = {
        ...(principal.role === 'customer' ? { customerId: principal.customerId ?? '' } : {}),
        ...(principal.role === 'expert' ? { status: 'open' as const } : query.status ? { status: query.status } : {}),
      };
      if (query.cursor && !(await prisma.job.findFirst({ where: { ...where, id: query.cursor } }))) throw invalidCursor();
      const rows = await prisma.job.findMany({ where, orderBy: [{ postedAt: 'desc' }, { id: 'desc' }], take: query.limit + 1, ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}) });
      const items = rows.slice(0, query.limit);
      return { items: items.map((job) => toJobView(job, principal)), nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
    },
  });

  r.route({
    method: 'get',
    path: '/jobs/:id',
    summary: 'Read a job and its hiring state',
    tags: ['jobs'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: jobViewSchema,
    handler: async ({ params, principal }) => toJobView(await findVisibleJob(prisma, principal, params.id), principal),
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/selection',
    summary: 'Choose the expert: select an open offer (the customer decides)',
    description: 'The first selection stands: a second one is 409 `already_selected`; a withdrawn offer is 409 `offer_not_open`.',
    tags: ['jobs'],
    roles: ['customer'],
    params: idParamsSchema,
    body: selectOfferBodySchema,
    response: jobViewSchema,
    handler: async ({ params, body, principal }) => {
      const job = await findVisibleJob(prisma, principal, params.id);
      if (!isJobCustomer(principal, job)) throw notFound('job');
      const selected = await selectOffer(prisma, job.id, body.offerId);
      eventsRecorded();
      return toJobView(selected, principal);
    },
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/onboarding',
    summary: 'The selected expert marks an onboarding item done: scope agreed, budget agreed, guidelines acknowledged',
    tags: ['onboarding'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    body: onboardingBodySchema,
    response: jobViewSchema,
    handler: async ({ params, body, principal }) => {
      const job = await findVisibleJob(prisma, principal, params.id);
      if (principal.role === 'expert' && (await selectedExpertOf(prisma, job)) !== principal.expertId) throw notFound('job');
      const updated = await completeOnboardingItem(prisma, job, body.item);
      eventsRecorded();
      return toJobView(updated, principal);
    },
  });
}
