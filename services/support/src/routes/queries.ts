import {
  customerMessageBodySchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
  queryViewSchema,
  replyBodySchema,
  submitQueryBodySchema,
} from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { enforceRateLimits, type RateLimiter, type RouteRegistrar } from '@guild/platform';
import { findVisibleQuery } from '../domain/find-query.js';
import { listVisibleQueries } from '../domain/list-queries.js';
import { toQueryView } from '../domain/query-view.js';
import { recordCustomerMessage } from '../domain/record-customer-message.js';
import { recordReply } from '../domain/record-reply.js';
import { resolveQuery } from '../domain/resolve-query.js';
import { submitQuery } from '../domain/submit-query.js';
import { tokenWithoutCustomer } from '../domain/support-errors.js';

export interface SubmissionLimits {
  perAccount: RateLimiter;
  perIp: RateLimiter;
}

export interface QueryRouteDeps {
  prisma: PrismaClient;
  submissionLimits: SubmissionLimits;
  /** Called after a commit that wrote an event, so the outbox relay publishes it at once. */
  eventsRecorded: () => void;
}

export function registerQueryRoutes(r: RouteRegistrar, { prisma, eventsRecorded, submissionLimits }: QueryRouteDeps) {
  r.route({
    method: 'post',
    path: '/queries',
    idempotent: true,
    summary: 'Submit a support query',
    description: 'Opens a query for the calling customer; the first-reply clock starts now. Limited per account and per client IP (429 with `retry-after`).',
    tags: ['queries'],
    roles: ['customer'],
    body: submitQueryBodySchema,
    response: queryViewSchema,
    status: 201,
    handler: async ({ body, principal, req, res }) => {
      if (!principal.customerId) throw tokenWithoutCustomer();
      await enforceRateLimits(res, [
        [submissionLimits.perAccount, principal.subject],
        [submissionLimits.perIp, req.ip ?? 'unknown'],
      ]);
      const query = await submitQuery(prisma, principal.customerId, body);
      eventsRecorded();
      return toQueryView(query);
    },
  });

  r.route({
    method: 'get',
    path: '/queries',
    summary: 'List the queries the caller may see, newest first',
    tags: ['queries'],
    roles: ['customer', 'expert', 'ops'],
    query: pageQuerySchema,
    response: pageOf(queryViewSchema),
    handler: async ({ query, principal }) => {
      const page = await listVisibleQueries(prisma, principal, query);
      return { items: page.items.map(toQueryView), nextCursor: page.nextCursor };
    },
  });

  r.route({
    method: 'get',
    path: '/queries/:id',
    summary: 'Read one query with its replies',
    description: 'Visible to the customer who asked, the assigned expert and ops.',
    tags: ['queries'],
    roles: ['customer', 'expert', 'ops', 'service'],
    params: idParamsSchema,
    response: queryViewSchema,
    handler: async ({ params, principal }) => toQueryView(await findVisibleQuery(prisma, principal, params.id)),
  });

  r.route({
    method: 'post',
    path: '/queries/:id/replies',
    idempotent: true,
    summary: 'Reply to a query (assigned expert)',
    description: 'The answer, or an honest "we are checking", with an ETA in minutes or a deadline.',
    tags: ['queries'],
    roles: ['expert'],
    params: idParamsSchema,
    body: replyBodySchema,
    response: queryViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      const updated = await recordReply(prisma, query, principal.expertId!, body);
      eventsRecorded();
      return toQueryView(updated);
    },
  });

  r.route({
    method: 'post',
    path: '/queries/:id/messages',
    idempotent: true,
    summary: 'Add a follow-up to your query (customer)',
    description: 'Answers a needs-info request or asks more; the query waits for a reply again.',
    tags: ['queries'],
    roles: ['customer'],
    params: idParamsSchema,
    body: customerMessageBodySchema,
    response: queryViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      const updated = await recordCustomerMessage(prisma, query, { body: body.body, channel: 'api' });
      eventsRecorded();
      return toQueryView(updated);
    },
  });

  r.route({
    method: 'post',
    path: '/queries/:id/resolution',
    summary: 'Mark a query resolved: the work is delivered (customer, assigned expert, ops)',
    tags: ['queries'],
    roles: ['customer', 'expert', 'ops'],
    params: idParamsSchema,
    response: queryViewSchema,
    handler: async ({ params, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      const updated = await resolveQuery(prisma, query, principal.subject);
      eventsRecorded();
      return toQueryView(updated);
    },
  });

}
