import type { LeadView } from '@guild/contracts';
import type { SalesLead } from '@guild/db';

export function toLeadView(lead: SalesLead): LeadView {
  return {
    id: lead.id,
    companyName: lead.companyName,
    contactName: lead.contactName,
    contactEmail: lead.contactEmail,
    needs: lead.needs,
    source: lead.source,
    referrerId: lead.referrerId,
    ownerId: lead.ownerId,
    stage: lead.stage,
    lostReason: lead.lostReason,
    meeting: lead.meetingAt && lead.meetingMinutes ? { startsAt: lead.meetingAt.toISOString(), minutes: lead.meetingMinutes } : null,
    offer: lead.offerRateCents && lead.offerHours && lead.offerRegion ? { rateCents: lead.offerRateCents, hours: lead.offerHours, talentRegion: lead.offerRegion } : null,
    draftTasks: (lead.draftTasks as LeadView['draftTasks']) ?? null,
    customerId: lead.customerId,
    handling: (lead.handling as LeadView['handling']) ?? null,
    createdAt: lead.createdAt.toISOString(),
    stageChangedAt: lead.stageChangedAt.toISOString(),
  };
}
