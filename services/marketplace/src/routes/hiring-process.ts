import { createProjectBodySchema, idParamsSchema, invitationWaveBodySchema, invitationWaveViewSchema, jobViewSchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { findVisibleJob } from '../domain/find-job.js';
import { contractOf, markLaunched, raiseHiringAlert, recordProject, sendOnboardingReminders, sendTopOffers, sendWelcomeMails } from '../domain/hiring-steps.js';
import { inviteWave } from '../domain/invite-wave.js';
import { toJobView } from '../domain/views.js';
import type { MarketplaceRouteDeps } from './deps.js';

// The steps `hiring-<jobId>` asks of the marketplace (service role); each is safe to repeat.

const ok = z.object({ ok: z.literal(true) });
const depositInvoiceSchema = z.object({ invoiceId: z.string(), amountCents: z.number().int(), status: z.string() });

export function registerHiringProcessRoutes(r: RouteRegistrar, { prisma, settings, eventsRecorded }: MarketplaceRouteDeps) {
  const job = (principal: Parameters<typeof findVisibleJob>[1], id: string) => findVisibleJob(prisma, principal, id);

  r.route({
    method: 'post',
    path: '/jobs/:id/invitation-waves',
    summary: 'Invite the next best experts not yet invited, as one wave; each is mailed the job',
    tags: ['hiring process'],
    roles: ['service', 'ops'],
    params: idParamsSchema,
    body: invitationWaveBodySchema,
    response: invitationWaveViewSchema,
    handler: async ({ params, body, principal }) => {
      const invited = await inviteWave(prisma, await job(principal, params.id), body.wave, body.size);
      eventsRecorded();
      return { wave: body.wave, invited };
    },
  });

  r.route({
    method: 'get',
    path: '/jobs/:id/contract',
    summary: 'The project the selected offer becomes: the body of projects’ POST /projects',
    tags: ['hiring process'],
    roles: ['service', 'ops'],
    params: idParamsSchema,
    response: createProjectBodySchema,
    handler: async ({ params, principal }) => contractOf(prisma, await job(principal, params.id)),
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/project',
    summary: 'Record the project created for the job',
    tags: ['hiring process'],
    roles: ['service'],
    params: idParamsSchema,
    body: z.object({ projectId: z.uuid() }),
    response: jobViewSchema,
    handler: async ({ params, body, principal }) => toJobView(await recordProject(prisma, await job(principal, params.id), body.projectId), principal),
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/welcome-mails',
    summary: "Welcome both sides: the customer (the expert's introduction, next steps, board, deposit invoice), the expert (customer, scope, budget, guidelines)",
    tags: ['hiring process'],
    roles: ['service'],
    params: idParamsSchema,
    body: z.object({ depositInvoice: depositInvoiceSchema.nullable() }),
    response: ok,
    handler: async ({ params, body, principal }) => {
      await sendWelcomeMails(prisma, await job(principal, params.id), settings, body.depositInvoice);
      eventsRecorded();
      return { ok: true as const };
    },
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/onboarding-reminders',
    summary: 'Remind each side of the onboarding items it still owes',
    tags: ['hiring process'],
    roles: ['service'],
    params: idParamsSchema,
    body: z.object({ missing: z.array(z.string().min(1).max(100)).min(1).max(10), round: z.number().int().min(1) }),
    response: ok,
    handler: async ({ params, body, principal }) => {
      await sendOnboardingReminders(prisma, await job(principal, params.id), body.missing, body.round);
      eventsRecorded();
      return { ok: true as const };
    },
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/top-offers-mail',
    summary: 'Send the customer the best offers so far (nothing selected by the deadline)',
    tags: ['hiring process'],
    roles: ['service'],
    params: idParamsSchema,
    body: z.object({ count: z.number().int().min(1).max(10) }),
    response: ok,
    handler: async ({ params, body, principal }) => {
      await sendTopOffers(prisma, await job(principal, params.id), body.count);
      eventsRecorded();
      return { ok: true as const };
    },
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/hiring-alerts',
    summary: 'Alert ops: no offers yet, or the 24 h promise breached (marked on the job and published)',
    tags: ['hiring process'],
    roles: ['service'],
    params: idParamsSchema,
    body: z.object({ kind: z.enum(['no_offers', 'sla_breach']) }),
    response: jobViewSchema,
    handler: async ({ params, body, principal }) => {
      const updated = await raiseHiringAlert(prisma, await job(principal, params.id), body.kind);
      eventsRecorded();
      return toJobView(updated, principal);
    },
  });

  r.route({
    method: 'post',
    path: '/jobs/:id/launch',
    summary: "Mark the job launched once its project is active: time to launch is measured",
    tags: ['hiring process'],
    roles: ['service'],
    params: idParamsSchema,
    response: jobViewSchema,
    handler: async ({ params, principal }) => {
      const launched = await markLaunched(prisma, await job(principal, params.id));
      eventsRecorded();
      return toJobView(launched, principal);
    },
  });
}
