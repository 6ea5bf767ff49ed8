import { expertRateWithin } from '@guild/contracts';
import { describeDuration } from '../shared/duration.js';
import type { ActivityDeps } from '../services.js';
import { ApplicationFailure } from '@temporalio/common';

interface Lead {
  id: string;
  companyName: string;
  contactEmail: string;
  needs: string;
  ownerId: string;
  stage: string;
  customerId: string | null;
  offer: { rateCents: number; hours: number; talentRegion: 'eu_asia' | 'us_western_europe' } | null;
  draftTasks: { title: string; estimateHours: number }[] | null;
}

const lead = (id: string) => `/leads/${encodeURIComponent(id)}`;

/** The lead process's calls: sales, identity (the company), billing (the plan), projects and the marketplace. */
export function createLeadToCustomerActivities({ services: { sales, identity, billing, projects, marketplace, payouts } }: ActivityDeps) {
  return {
    async remindLeadOwner(leadId: string, kind: 'no_meeting' | 'no_outcome' | 'no_handling'): Promise<void> {
      await sales.post(`${lead(leadId)}/reminders`, { kind });
    },
    /**
     * The policy's silence (30 days) passed: lost, ops and the owner told by sales. A lead closed
     * meanwhile stays as it is. Histories from before the silence was passed in said 30 days.
     */
    async closeSilentLead(leadId: string, silence = '30d'): Promise<void> {
      try {
        await sales.post(`${lead(leadId)}/outcome`, { outcome: 'lost', reason: `no response for ${describeDuration(silence)}` });
      } catch (err) {
        if (!(err instanceof ApplicationFailure && err.type === 'Conflict')) throw err;
      }
    },
    /**
     * Opens the customer's company in identity with the contact as owner (invited by mail), once —
     * the idempotency key is the workflow id + step — and records it on the lead (attribution).
     * The contact's address stays inside this activity: the history holds only the company id.
     */
    async openCustomerCompany(leadId: string): Promise<string> {
      const found = await sales.get<Lead>(lead(leadId));
      if (found.customerId) return found.customerId;
      const opened = await identity.post<{ company: { id: string } }>('/companies', { name: found.companyName, ownerEmail: found.contactEmail }, { idempotencyKey: `lead-${leadId}:company` });
      await sales.post(`${lead(leadId)}/customer`, { customerId: opened.company.id });
      return opened.company.id;
    },
    /** The hourly plan: pay as you go, billed monthly. */
    async setCustomerPlan(customerId: string): Promise<void> {
      await billing.put(`/customers/${encodeURIComponent(customerId)}/plan`, { plan: 'pay_as_you_go', cadence: 'monthly' });
    },
    /** The owner serves the customer: the project starts with them as expert at the offered rate. */
    async startServedProject(leadId: string, customerId: string): Promise<string> {
      const found = await sales.get<Lead>(lead(leadId));
      if (!found.offer) throw ApplicationFailure.nonRetryable('the won lead has no offer', 'Refused');
      const project = await projects.post<{ id: string }>(
        '/projects',
        {
          title: `${found.companyName}: ${found.needs.slice(0, 150)}`,
          customerId,
          expertId: found.ownerId,
          customerRateCents: found.offer.rateCents,
          // The seller serving their customer earns what a hire would: the offered rate without the platform's margin.
          expertRateCents: expertRateWithin(found.offer.rateCents),
          talentRegion: found.offer.talentRegion,
          budget: { kind: 'cap', minutes: found.offer.hours * 60 },
          timeZone: 'UTC',
          billingMode: 'pay_as_you_go',
        },
        { idempotencyKey: `lead-${leadId}:project` },
      );
      return project.id;
    },
    /** The owner passes the customer to the pool: a job is posted for them, which starts hiring. */
    async postJobForPool(leadId: string, customerId: string, desiredStart: string): Promise<string> {
      const found = await sales.get<Lead>(lead(leadId));
      if (!found.offer) throw ApplicationFailure.nonRetryable('the won lead has no offer', 'Refused');
      const job = await marketplace.post<{ id: string }>(
        `/customers/${encodeURIComponent(customerId)}/jobs`,
        {
          title: found.companyName,
          description: found.needs,
          tasks: (found.draftTasks ?? [{ title: found.needs.slice(0, 500), estimateHours: 1 }]).map((t) => t.title),
          skills: ['general'],
          budget: { kind: 'hourly', maxRateCents: found.offer.rateCents, capMinutes: found.offer.hours * 60 },
          talentRegion: found.offer.talentRegion,
          desiredStart,
        },
        { idempotencyKey: `lead-${leadId}:job` },
      );
      return job.id;
    },
    /** Matured commissions to the payout balance: sales names the release, payouts credits it under its id. */
    async releaseCommissions(expertId: string): Promise<number> {
      const { release } = await sales.post<{ release: { id: string; amountCents: number } | null }>(`/experts/${encodeURIComponent(expertId)}/commission-releases`);
      if (!release) return 0;
      await payoutsCredit(release, expertId);
      await sales.post(`/commission-releases/${release.id}/credited`);
      return release.amountCents;
    },
  };

  async function payoutsCredit(release: { id: string; amountCents: number }, expertId: string) {
    await payouts.post(`/experts/${encodeURIComponent(expertId)}/commissions`, { amountCents: release.amountCents, reference: `sales-release:${release.id}`, reason: 'Lead and referral commissions past the refund window' }, { idempotencyKey: `sales-release:${release.id}` });
  }
}
