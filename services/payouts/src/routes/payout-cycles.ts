import { cycleCreditBodySchema, cycleCreditSchema, cycleExpertsSchema, cycleParamsSchema } from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { creditCycleWork, expertsOfCycle, mailCycleStatement } from '../domain/payout-cycle.js';
import type { PayoutsRouteDeps } from './deps.js';

const cycleExpertParams = cycleParamsSchema.extend({ expertId: z.string().trim().min(1).max(100) });

/** The biweekly cycle's steps, called by `payout-cycle-<cycle>`; each is safe to repeat. */
export function registerPayoutCycleRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: PayoutsRouteDeps) {
  r.route({
    method: 'get',
    path: '/payout-cycles/:cycle/experts',
    summary: 'Experts with approved work the cycle credits (or credited, on a re-run)',
    tags: ['cycle'],
    roles: ['service', 'ops'],
    params: cycleParamsSchema,
    response: cycleExpertsSchema,
    handler: async ({ params }) => ({ expertIds: await expertsOfCycle(prisma, params.cycle) }),
  });

  r.route({
    method: 'post',
    path: '/payout-cycles/:cycle/experts/:expertId/credits',
    summary: "Credit the expert's approved, not yet credited work of the cycle: one entry per time entry",
    tags: ['cycle'],
    roles: ['service'],
    params: cycleExpertParams,
    response: cycleCreditSchema,
    handler: async ({ params, principal }) => creditCycleWork(prisma, params.cycle, params.expertId, principal.subject),
  });

  r.route({
    method: 'post',
    path: '/payout-cycles/:cycle/experts/:expertId/statement',
    summary: 'Mail the expert the statement of the cycle, once',
    tags: ['cycle'],
    roles: ['service'],
    params: cycleExpertParams,
    body: cycleCreditBodySchema,
    response: z.object({ queued: z.literal(true) }),
    handler: async ({ params, body }) => {
      await mailCycleStatement(prisma, params.cycle, body.periodStart, params.expertId);
      eventsRecorded();
      return { queued: true as const };
    },
  });
}
