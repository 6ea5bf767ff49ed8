import {
  bookSalesMeetingBodySchema,
  chooseHandlingBodySchema,
  createLeadBodySchema,
  leadListQuerySchema,
  leadPageSchema,
  leadParamsSchema,
  leadViewSchema,
  presentOfferBodySchema,
  reportOutcomeBodySchema,
  sendDraftBodySchema,
} from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { bookMeeting } from '../domain/book-meeting.js';
import { createLead } from '../domain/create-lead.js';
import { findLeadFor } from '../domain/find-lead.js';
import { toLeadView } from '../domain/lead-view.js';
import { listLeads } from '../domain/list-leads.js';
import { presentOffer } from '../domain/present-offer.js';
import { remindOwner } from '../domain/remind-owner.js';
import { reportOutcome } from '../domain/report-outcome.js';
import { sendDraft } from '../domain/send-draft.js';
import { chooseHandling, recordCustomer } from '../domain/won-customer.js';

export interface LeadRouteDeps {
  prisma: PrismaClient;
  publicUrl: string;
  eventsRecorded: () => void;
}

export function registerLeadRoutes(r: RouteRegistrar, { prisma, publicUrl, eventsRecorded }: LeadRouteDeps) {
  const after = <T>(value: T) => {
    eventsRecorded();
    return value;
  };
  const leadStep = { tags: ['leads'], roles: ['expert', 'ops'] as const, params: leadParamsSchema, response: leadViewSchema };

  r.route({
    method: 'post',
    path: '/leads',
    summary: 'Record a lead: an expert brings one (they own it and earn its commissions), or ops record an inbound one for an owner',
    tags: ['leads'],
    roles: ['expert', 'ops'],
    body: createLeadBodySchema,
    response: leadViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ body, principal }) => after(toLeadView(await createLead(prisma, principal, body))),
  });

  r.route({
    method: 'get',
    path: '/leads',
    summary: 'The leads the caller may see, newest first (experts: the leads they own; ops: all); filter by stage, and ops by owner',
    tags: ['leads'],
    roles: ['expert', 'ops'],
    query: leadListQuerySchema,
    response: leadPageSchema,
    handler: async ({ query, principal }) => {
      const page = await listLeads(prisma, principal, query);
      return { items: page.items.map(toLeadView), nextCursor: page.nextCursor };
    },
  });

  r.route({
    method: 'get',
    path: '/leads/:id',
    summary: 'A lead (its owner, ops, services); anyone else 404',
    tags: ['leads'],
    roles: ['expert', 'ops', 'service'],
    params: leadParamsSchema,
    response: leadViewSchema,
    handler: async ({ params, principal }) => toLeadView(await prisma.$transaction((tx) => findLeadFor(tx, principal, params.id))),
  });

  r.route({
    ...leadStep,
    method: 'post',
    path: '/leads/:id/meeting',
    summary: 'Book (or move) the 30–60 minute sales meeting; another length is 400',
    body: bookSalesMeetingBodySchema,
    handler: async ({ params, body, principal }) => after(toLeadView(await bookMeeting(prisma, principal, params.id, body))),
  });

  r.route({
    ...leadStep,
    method: 'post',
    path: '/leads/:id/offer',
    summary: "Present the hourly plan: rate, hours, talent region; below the region's minimum rate is 422 naming it",
    description: 'The minimum rate is not negotiable: there is no discount field and no override.',
    body: presentOfferBodySchema,
    handler: async ({ params, body, principal }) => after(toLeadView(await presentOffer(prisma, principal, params.id, body))),
  });

  r.route({
    ...leadStep,
    method: 'post',
    path: '/leads/:id/draft',
    summary: "Mail the project draft (planned tasks with estimates) to the lead's contact with a one-time accept link",
    body: sendDraftBodySchema,
    handler: async ({ params, body, principal }) => after(toLeadView(await sendDraft(prisma, publicUrl, principal, params.id, body))),
  });

  r.route({
    ...leadStep,
    roles: ['expert', 'ops', 'service'],
    method: 'post',
    path: '/leads/:id/outcome',
    summary: 'Report the outcome: won (after the draft) or lost with a reason; ops and the owner are told. Another expert’s lead is 404',
    body: reportOutcomeBodySchema,
    handler: async ({ params, body, principal }) => after(toLeadView(await reportOutcome(prisma, principal, params.id, body))),
  });

  r.route({
    ...leadStep,
    method: 'post',
    path: '/leads/:id/handling',
    summary: 'The owner of a won lead serves the customer, or passes it to the pool (hiring starts); the first choice stands',
    body: chooseHandlingBodySchema,
    handler: async ({ params, body, principal }) => after(toLeadView(await chooseHandling(prisma, principal, params.id, body.handling))),
  });

  r.route({
    ...leadStep,
    roles: ['service', 'ops'],
    method: 'post',
    path: '/leads/:id/customer',
    summary: "Record the won lead's customer company (the lead's process, once identity opened it); attributes the customer to the referrer for life",
    body: z.object({ customerId: z.string().trim().min(1).max(100) }).strict(),
    handler: async ({ params, body, principal }) => toLeadView(await recordCustomer(prisma, principal, params.id, body.customerId)),
  });

  r.route({
    method: 'post',
    path: '/leads/:id/reminders',
    summary: "Remind the lead's owner (the lead's process): no meeting booked, no outcome after the draft, or no choice of who serves the won customer; once per kind",
    tags: ['leads'],
    roles: ['service'],
    params: leadParamsSchema,
    body: z.object({ kind: z.enum(['no_meeting', 'no_outcome', 'no_handling']) }).strict(),
    response: z.object({ reminded: z.literal(true) }),
    handler: async ({ params, body }) => {
      await remindOwner(prisma, params.id, body.kind);
      return after({ reminded: true as const });
    },
  });
}
