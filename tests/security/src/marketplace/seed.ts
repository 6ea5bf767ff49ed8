// The marketplace's own test kit spells a profile, a job and an offer it accepts.
import { jobBody, offerBody, profile } from '../../../../services/marketplace/test/marketplace-app.js';
import type { HomeTenant, seedCaller } from '../service-under-test.js';

type Call = ReturnType<typeof seedCaller>;

export interface MarketplacePeople {
  homeCustomer: string;
  homeExpert: string;
  otherCustomer: string;
  ops: string;
}

export const homeCustomerId = 'home-co';
export const homeExpertId = 'home-expert';
export const otherCustomerId = 'other-co';
export const otherExpertId = 'other-expert';

/**
 * The home tenant's hiring, told through the API as its people would: ops list two experts;
 * home-co posts a job and the home expert offers on it; home-co posts a second job and selects
 * the expert's offer there. The foreign tenant posts a job of its own, so its lists are not
 * trivially empty. Shared by design: a listed profile is shown to every customer, an open job to
 * every expert — the selected job and every offer stay home-co's, its expert's and ops'.
 */
export async function seedMarketplaceTenants(call: Call, people: MarketplacePeople): Promise<HomeTenant> {
  const { homeCustomer, homeExpert, otherCustomer, ops } = people;
  await call(ops, 'PUT', `/experts/${homeExpertId}/profile`, profile());
  await call(ops, 'PUT', `/experts/${otherExpertId}/profile`, profile({ headline: 'Other: HubSpot admin' }));
  await call(otherCustomer, 'POST', '/jobs', jobBody({ title: 'Other: clean our HubSpot', description: 'Other tenant dedupes its contacts.' }));

  const job = await call<{ id: string }>(homeCustomer, 'POST', '/jobs', jobBody({ title: 'Home: payroll sync', description: 'Home-co syncs payroll into Salesforce.' }));
  const offer = await call<{ id: string }>(homeExpert, 'POST', `/jobs/${job.id}/offers`, offerBody({ scope: 'Home: payroll mapping and sync.' }));
  const selectedJob = await call<{ id: string }>(homeCustomer, 'POST', '/jobs', jobBody({ title: 'Home: ledger import', description: 'Home-co imports its ledger.' }));
  const selectedOffer = await call<{ id: string }>(homeExpert, 'POST', `/jobs/${selectedJob.id}/offers`, offerBody({ scope: 'Home: ledger import in two batches.' }));
  await call(homeCustomer, 'POST', `/jobs/${selectedJob.id}/selection`, { offerId: selectedOffer.id });

  return {
    records: {
      'jobs.id': { value: selectedJob.id, tenancy: 'home' },
      offerId: { value: selectedOffer.id, tenancy: 'home' },
      customerId: { value: homeCustomerId, tenancy: 'home' },
      'experts.id': { value: homeExpertId, tenancy: 'shared', why: 'a listed profile is shown to every customer; only its expert and ops change it' },
    },
    states: {
      'open on the board': {
        'jobs.id': { value: job.id, tenancy: 'shared', why: 'an open job is on the board for every expert to read and offer on; no other customer sees it' },
        offerId: { value: offer.id, tenancy: 'home' },
      },
    },
    defaultState: 'offer selected',
    // Not the open job's own words nor home-co's id, which the board shows every expert by design.
    markers: [selectedJob.id, offer.id, selectedOffer.id, 'Home: ledger import', 'Home-co imports its ledger.', 'Home: payroll mapping and sync.', 'Home: ledger import in two batches.'],
  };
}
