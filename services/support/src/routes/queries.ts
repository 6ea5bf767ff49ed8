import {
  customerMessageBodySchema,
  idParamsSchema,
  pageOf,
  pageQuerySchema,
  queryAssignmentBodySchema,
  queryViewSchema,
  replyBodySchema,
  submitQueryBodySchema,
} from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { enforceRateLimits, type Logger, type MailDirectory, type RateLimiter, type RouteRegistrar } from '@guild/platform';
import { assignQuery } from '../domain/assign-query.js';
import { findVisibleQuery } from '../domain/find-query.js';
import { noticeUnreachableCustomer } from '../domain/notice-unreachable-customer.js';
import { proposeResolution } from '../domain/propose-resolution.js';
import type { ResolutionSettings } from '../domain/rating-link.js';
import { listVisibleQueries } from '../domain/list-queries.js';
import { toQueryView } from '../domain/query-view.js';
import { readVisibleQueryView } from '../domain/read-query-view.js';
import { recordCustomerMessage } from '../domain/record-customer-message.js';
import { recordReply } from '../domain/record-reply.js';
import { resolveQuery } from '../domain/resolve-query.js';
import { submitQuery } from '../domain/submit-query.js';
import { onlyProposeResolution, tokenWithoutCustomer } from '../domain/support-errors.js';

export interface SubmissionLimits {
  perAccount: RateLimiter;
  perIp: RateLimiter;
}

export interface QueryRouteDeps {
  prisma: PrismaClient;
  submissionLimits: SubmissionLimits;
  /** Called after a commit that wrote an event, so the outbox relay publishes it at once. */
  eventsRecorded: () => void;
  resolution: ResolutionSettings;
  /** Identity's people, to check at submission that the customer can be mailed and that an assigned expert exists. */
  directory?: MailDirectory | undefined;
  logger: Logger;
}

export function registerQueryRoutes(r: RouteRegistrar, { prisma, eventsRecorded, submissionLimits, resolution, directory, logger }: QueryRouteDeps) {
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
      // Asked after the answer: a receipt need not wait on identity, and when this check is
      // missed the receipt's own undelivered mail still tells ops.
      if (directory) {
        noticeUnreachableCustomer(prisma, directory, logger, query).catch((err: unknown) =>
          logger.error({ err, queryId: query.id }, 'could not queue the unreachable-customer alert for ops'),
        );
      }
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
    handler: async ({ params, principal }) => readVisibleQueryView(prisma, principal, params.id),
  });

  r.route({
    method: 'post',
    path: '/queries/:id/replies',
    idempotent: true,
    summary: 'Reply to a query (assigned expert, the backup expert after a breach, ops)',
    description: 'The answer, or an honest "we are checking", with an ETA in minutes or a deadline; a new ETA is told to the customer.',
    tags: ['queries'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    body: replyBodySchema,
    response: queryViewSchema,
    status: 201,
    handler: async ({ params, body, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      const updated = await recordReply(prisma, query, principal.expertId ?? principal.subject, body);
      eventsRecorded();
      return toQueryView(updated);
    },
  });

  r.route({
    method: 'post',
    path: '/queries/:id/messages',
    idempotent: true,
    summary: 'Add a follow-up to your query (customer)',
    description:
      'Answers a needs-info request, asks more or disputes a proposed resolution; the query waits for a reply again. On a resolved or closed query it reopens it inside the reopen window; after it, it opens a new query that follows the old one (the answer is that query).',
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
    summary: 'Resolve a query: the customer confirms the work is delivered, or ops resolve it',
    description: 'The customer gets the resolution mail with a one-click 1–5 rating. Experts propose resolution instead (403 here).',
    tags: ['queries'],
    roles: ['customer', 'expert', 'ops'],
    params: idParamsSchema,
    response: queryViewSchema,
    handler: async ({ params, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      if (principal.role === 'expert') throw onlyProposeResolution();
      const updated = await resolveQuery(prisma, query, principal.subject, resolution);
      eventsRecorded();
      return toQueryView(updated);
    },
  });

  r.route({
    method: 'post',
    path: '/queries/:id/resolution-proposal',
    summary: 'Propose resolution (assigned expert, ops)',
    description: 'The customer is asked to confirm; a follow-up disputes it; without an answer it is confirmed when the quiet period ends.',
    tags: ['queries'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    response: queryViewSchema,
    handler: async ({ params, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      const updated = await proposeResolution(prisma, query, principal.expertId ?? principal.subject);
      eventsRecorded();
      return toQueryView(updated);
    },
  });

  r.route({
    method: 'put',
    path: '/queries/:id/assignment',
    summary: 'Assign or reassign a query to an expert, with a reason (ops)',
    description: 'Audited with the previous expert and the reason; the expert is mailed. An expert who does not exist is a 422.',
    tags: ['queries'],
    roles: ['ops'],
    params: idParamsSchema,
    body: queryAssignmentBodySchema,
    response: queryViewSchema,
    handler: async ({ params, body, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      return toQueryView(await assignQuery(prisma, directory, query, { ...body, by: principal.subject }));
    },
  });

}
