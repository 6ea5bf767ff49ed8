import {
  commissionReleaseViewSchema,
  commissionsViewSchema,
  minimumRateViewSchema,
  referralCodeParamsSchema,
  referralCodeViewSchema,
  referredLeadBodySchema,
  regionParamsSchema,
  salesExpertParamsSchema,
  salesReportSchema,
  setMinimumRateBodySchema,
  leadViewSchema,
} from '@guild/contracts';
import type { PrismaClient, SalesCommissionRelease } from '@guild/db';
import { notFound, type Principal, type RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import { createReferredLead } from '../domain/create-lead.js';
import { toLeadView } from '../domain/lead-view.js';
import { setMinimumRate } from '../domain/minimum-rate.js';
import { referralCodeOf } from '../domain/referral-codes.js';
import { commissionsOf, confirmRelease, releaseCommissions } from '../domain/release-commissions.js';
import { salesReport } from '../domain/sales-report.js';

const releaseView = (r: SalesCommissionRelease) => ({ id: r.id, expertId: r.expertId, amountCents: r.amountCents, creditedAt: r.creditedAt?.toISOString() ?? null });

/** An expert sees only their own commissions and code; ops and services see anyone's. */
function assertOwnExpert(principal: Principal, expertId: string) {
  if (principal.role === 'expert' && principal.expertId !== expertId) throw notFound('expert');
}

export function registerPolicyAndCommissionRoutes(r: RouteRegistrar, { prisma, eventsRecorded }: { prisma: PrismaClient; eventsRecorded: () => void }) {
  r.route({
    method: 'get',
    path: '/minimum-rates',
    summary: 'The minimum hourly rate per talent region, for new offers',
    tags: ['policy'],
    roles: ['expert', 'ops', 'service'],
    response: z.object({ items: z.array(minimumRateViewSchema) }),
    handler: async () => ({
      items: (await prisma.salesMinimumRate.findMany({ orderBy: { region: 'asc' } })).map((m) => ({ talentRegion: m.region, rateCents: m.rateCents, changedBy: m.changedBy, changedAt: m.changedAt.toISOString() })),
    }),
  });

  r.route({
    method: 'put',
    path: '/minimum-rates/:talentRegion',
    summary: "Change a region's minimum rate for offers presented from now on (ops; audited with the reason)",
    tags: ['policy'],
    roles: ['ops'],
    params: regionParamsSchema,
    body: setMinimumRateBodySchema,
    response: minimumRateViewSchema,
    handler: async ({ params, body, principal }) => {
      const m = await setMinimumRate(prisma, params.talentRegion, body, principal.subject);
      return { talentRegion: m.region, rateCents: m.rateCents, changedBy: m.changedBy, changedAt: m.changedAt.toISOString() };
    },
  });

  r.route({
    method: 'get',
    path: '/experts/:expertId/referral-code',
    summary: "The expert's referral code (made on first ask): a customer who comes with it is theirs for life",
    tags: ['referrals'],
    roles: ['expert', 'ops'],
    params: salesExpertParamsSchema,
    response: referralCodeViewSchema,
    handler: async ({ params, principal }) => {
      assertOwnExpert(principal, params.expertId);
      const code = await referralCodeOf(prisma, params.expertId);
      return { code: code.code, expertId: code.expertId };
    },
  });

  r.route({
    method: 'post',
    path: '/referrals/:code/leads',
    summary: 'A customer comes with a referral code (the website form): a lead owned by and attributed to the code’s expert',
    description: 'The same code used again by the same contact answers the first lead: attributed once. An unknown code is 404.',
    tags: ['referrals'],
    roles: 'public',
    params: referralCodeParamsSchema,
    body: referredLeadBodySchema,
    response: leadViewSchema.pick({ id: true, stage: true }),
    status: 201,
    handler: async ({ params, body }) => {
      const lead = await createReferredLead(prisma, params.code, body);
      eventsRecorded();
      const view = toLeadView(lead);
      return { id: view.id, stage: view.stage };
    },
  });

  r.route({
    method: 'get',
    path: '/experts/:expertId/commissions',
    summary: "The expert's commission lines (newest first) with pending, handed-over and carried sums",
    tags: ['commissions'],
    roles: ['expert', 'ops', 'service'],
    params: salesExpertParamsSchema,
    response: commissionsViewSchema,
    handler: async ({ params, principal }) => {
      assertOwnExpert(principal, params.expertId);
      const now = new Date();
      const c = await commissionsOf(prisma, params.expertId);
      return {
        expertId: params.expertId,
        pendingCents: c.pendingCents,
        releasedCents: c.releasedCents,
        carriedCents: c.releasableCents,
        lines: [...c.lines].reverse().map((l) => ({
          id: l.id,
          customerId: l.customerId,
          amountCents: l.amountCents,
          invoiceId: l.invoiceId,
          originalId: l.originalId,
          refundId: l.refundId,
          status: l.originalId ? ('clawback' as const) : l.availableAt && l.availableAt <= now ? ('available' as const) : ('pending' as const),
          availableAt: l.availableAt?.toISOString() ?? null,
          createdAt: l.createdAt.toISOString(),
        })),
      };
    },
  });

  r.route({
    method: 'post',
    path: '/experts/:expertId/commission-releases',
    summary: "Hand matured commissions, net of clawbacks, to the expert's payout balance (the commission process, ops)",
    description: 'Answers the release to credit in payouts under `sales-release:<id>` (an unconfirmed one again), or null when nothing is due; a negative net carries forward.',
    tags: ['commissions'],
    roles: ['service', 'ops'],
    params: salesExpertParamsSchema,
    response: z.object({ release: commissionReleaseViewSchema.nullable() }),
    handler: async ({ params }) => {
      const release = await releaseCommissions(prisma, params.expertId);
      return { release: release && releaseView(release) };
    },
  });

  r.route({
    method: 'post',
    path: '/commission-releases/:id/credited',
    summary: 'Payouts credited the release (the commission process)',
    tags: ['commissions'],
    roles: ['service', 'ops'],
    params: z.object({ id: z.uuid() }),
    response: commissionReleaseViewSchema,
    handler: async ({ params }) => releaseView(await confirmRelease(prisma, params.id)),
  });

  r.route({
    method: 'get',
    path: '/reports/sales',
    summary: 'Pipeline by stage, win rate, median days to win, commissions per expert (ops)',
    tags: ['reports'],
    roles: ['ops'],
    response: salesReportSchema,
    handler: async () => salesReport(prisma),
  });
}
