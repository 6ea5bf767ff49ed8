import { faqEntryBodySchema, faqEntryViewSchema, faqMatchSchema, idParamsSchema, pageOf, pageQuerySchema } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { findVisibleQuery } from '../domain/find-query.js';
import { addFaqEntry, changeFaqEntry, listFaqEntries, removeFaqEntry, toFaqEntryView } from './faq-entries.js';
import { matchFaqEntries } from './match-faq-entries.js';

/**
 * The ops quick sheet of common questions. Matches are shown to the expert as suggestions only:
 * no reply is ever sent from the sheet without an expert choosing to send it.
 */
export function registerFaqRoutes(r: RouteRegistrar, { prisma }: { prisma: PrismaClient }) {
  r.route({
    method: 'post',
    path: '/faq',
    idempotent: true,
    summary: 'Add a quick-sheet entry (ops)',
    tags: ['faq'],
    roles: ['ops'],
    body: faqEntryBodySchema,
    response: faqEntryViewSchema,
    status: 201,
    handler: async ({ body, principal }) => toFaqEntryView(await addFaqEntry(prisma, body, principal.subject)),
  });

  r.route({
    method: 'put',
    path: '/faq/:id',
    summary: 'Change a quick-sheet entry (ops)',
    tags: ['faq'],
    roles: ['ops'],
    params: idParamsSchema,
    body: faqEntryBodySchema,
    response: faqEntryViewSchema,
    handler: async ({ params, body }) => toFaqEntryView(await changeFaqEntry(prisma, params.id, body)),
  });

  r.route({
    method: 'delete',
    path: '/faq/:id',
    summary: 'Remove a quick-sheet entry (ops)',
    tags: ['faq'],
    roles: ['ops'],
    params: idParamsSchema,
    response: z.void(),
    status: 204,
    handler: async ({ params }) => removeFaqEntry(prisma, params.id),
  });

  r.route({
    method: 'get',
    path: '/faq',
    summary: 'The quick sheet, a page at a time (experts, ops)',
    tags: ['faq'],
    roles: ['expert', 'ops'],
    query: pageQuerySchema,
    response: pageOf(faqEntryViewSchema),
    handler: async ({ query }) => listFaqEntries(prisma, query),
  });

  r.route({
    method: 'get',
    path: '/queries/:id/faq-matches',
    summary: "The quick-sheet entries most like a query's subject and body, best first (assigned expert, ops)",
    description: 'At most five suggestions for the expert; nothing is sent to the customer.',
    tags: ['faq'],
    roles: ['expert', 'ops'],
    params: idParamsSchema,
    response: z.object({ items: z.array(faqMatchSchema) }),
    handler: async ({ params, principal }) => {
      const query = await findVisibleQuery(prisma, principal, params.id);
      return { items: await matchFaqEntries(prisma, `${query.subject}\n${query.body}`) };
    },
  });
}
