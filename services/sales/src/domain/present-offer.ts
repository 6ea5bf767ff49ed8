import type { PrismaClient, SalesTalentRegion } from '@guild/db';
import type { Principal } from '@guild/platform';
import { changeStage } from './change-stage.js';
import { findLeadFor } from './find-lead.js';
import { assertAtLeastMinimumRate } from './minimum-rate.js';
import { assertStepAllowed } from './stages.js';

/** The hourly plan offered: never below the minimum rate of the talent region (no discount, no override). */
export async function presentOffer(prisma: PrismaClient, principal: Principal, id: string, body: { rateCents: number; hours: number; talentRegion: SalesTalentRegion }) {
  return prisma.$transaction(async (tx) => {
    const lead = await findLeadFor(tx, principal, id);
    assertStepAllowed('present the offer', lead.stage);
    await assertAtLeastMinimumRate(tx, body.talentRegion, body.rateCents);
    return changeStage(tx, lead, 'offer_presented', { offerRateCents: body.rateCents, offerHours: body.hours, offerRegion: body.talentRegion });
  });
}
