import type { HomeTenant, seedCaller } from '../service-under-test.js';

type Call = ReturnType<typeof seedCaller>;

export interface SalesPeople {
  homeExpert: string;
  otherExpert: string;
  ops: string;
  service: string;
}

export const homeExpertId = 'home-expert';
export const otherExpertId = 'other-expert';
export const homeCustomerId = 'home-co';

const homeLead = { companyName: 'Home Prospect Ltd', contactName: 'Hannah Prospect', contactEmail: 'hannah@home-prospect.example', needs: 'Home: a HubSpot set-up' };
const homeWon = { companyName: 'Home Customer Ltd', contactName: 'Alice Homer', contactEmail: 'alice.homer@home-co.example', needs: 'Home: weekly payroll reports' };

/**
 * The home expert's sales, told through the API as they would: a lead taken to a presented offer;
 * another won, its customer home-co recorded by the process and paid (`pay`: billing's event), so a
 * commission matures and is released. The foreign expert brings a lead of their own, so their lists
 * are not trivially empty. Referral codes are handed out in public by design.
 */
export async function seedSalesTenants(call: Call, people: SalesPeople, pay: (customerId: string) => Promise<string>): Promise<HomeTenant> {
  const { homeExpert, otherExpert, ops, service } = people;
  await call(otherExpert, 'POST', '/leads', { companyName: 'Other Prospect', contactName: 'Oscar Other', contactEmail: 'oscar@other.example', needs: 'Other: a CRM' });

  const lead = await call<{ id: string }>(homeExpert, 'POST', '/leads', homeLead);
  await call(homeExpert, 'POST', `/leads/${lead.id}/meeting`, { startsAt: '2026-12-01T10:00:00Z', minutes: 45 });
  await call(homeExpert, 'POST', `/leads/${lead.id}/offer`, { rateCents: 6_000, hours: 40, talentRegion: 'eu_asia' });

  const won = await call<{ id: string }>(homeExpert, 'POST', '/leads', homeWon);
  await call(homeExpert, 'POST', `/leads/${won.id}/meeting`, { startsAt: '2026-12-02T10:00:00Z', minutes: 30 });
  await call(homeExpert, 'POST', `/leads/${won.id}/offer`, { rateCents: 6_000, hours: 40, talentRegion: 'eu_asia' });
  await call(homeExpert, 'POST', `/leads/${won.id}/draft`, { tasks: [{ title: 'Home: payroll report', estimateHours: 12 }] });
  await call(homeExpert, 'POST', `/leads/${won.id}/outcome`, { outcome: 'won' });
  await call(service, 'POST', `/leads/${won.id}/customer`, { customerId: homeCustomerId });
  const invoiceId = await pay(homeCustomerId);
  const { release } = await call<{ release: { id: string } | null }>(service, 'POST', `/experts/${homeExpertId}/commission-releases`);
  if (!release) throw new Error('seeding: the matured commission was not released');
  const { code } = await call<{ code: string }>(homeExpert, 'GET', `/experts/${homeExpertId}/referral-code`);
  await call(ops, 'GET', '/reports/sales');

  return {
    records: {
      'leads.id': { value: lead.id, tenancy: 'home' },
      expertId: { value: homeExpertId, tenancy: 'home' },
      'commission-releases.id': { value: release.id, tenancy: 'home' },
      code: { value: code, tenancy: 'shared', why: 'an expert hands their referral code out in public; it opens a lead, reads nothing' },
      talentRegion: { value: 'eu_asia', tenancy: 'shared', why: 'minimum rates are one table for every expert, kept by ops' },
    },
    states: { won: { 'leads.id': { value: won.id, tenancy: 'home' } } },
    defaultState: 'offer presented',
    // Not the expert's id: a referred lead names it by design, and is no change to the home tenant's rows.
    markers: [lead.id, won.id, release.id, invoiceId, homeCustomerId, ...Object.values(homeLead), ...Object.values(homeWon), 'Home: payroll report'],
  };
}
