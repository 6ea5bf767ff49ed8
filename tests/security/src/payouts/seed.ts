import type { HomeTenant, seedCaller } from '../service-under-test.js';

type Call = ReturnType<typeof seedCaller>;

export interface PayoutsPeople {
  homeExpert: string;
  ops: string;
  service: string;
}

export const homeExpertId = 'home-expert';
export const otherExpertId = 'other-expert';
/** The cycle the home expert's approved hours are credited in. */
export const cycle = '2026-11-30';

const bankAccount = { kind: 'bank_transfer', accountHolder: 'Homer Expert', iban: 'PL61109010140000071219812874' };

/**
 * The home expert's payouts, told through the API after projects approved their hours (`approve`):
 * the expert registers a bank account, the cycle credits the hours, ops add a commission, the
 * expert asks for a payout with their invoice and the process hands it to ops to transfer. The foreign expert gets an account and hours of their
 * own, so their lists are not trivially empty.
 */
export async function seedPayoutsTenants(call: Call, people: PayoutsPeople, approve: (expertId: string) => Promise<string>): Promise<HomeTenant> {
  const { homeExpert, ops, service } = people;
  await call(ops, 'PUT', `/experts/${otherExpertId}/payout-account`, { kind: 'stripe_connect', stripeAccountId: 'acct_verifiedother' });
  await approve(otherExpertId);
  await call(service, 'POST', `/payout-cycles/${cycle}/experts/${otherExpertId}/credits`);

  await call(homeExpert, 'PUT', `/experts/${homeExpertId}/payout-account`, bankAccount);
  const timeEntryId = await approve(homeExpertId);
  await call(service, 'POST', `/payout-cycles/${cycle}/experts/${homeExpertId}/credits`);
  const commission = await call<{ id: string }>(ops, 'POST', `/experts/${homeExpertId}/commissions`, { amountCents: 2_500, reference: 'home-lead-1', reason: 'Home: lead commission' });
  const invoice = { fileName: 'home-invoice-11.pdf', contentBase64: Buffer.from('%PDF-1.4 Home: invoice for November').toString('base64') };
  const request = await call<{ id: string }>(homeExpert, 'POST', `/experts/${homeExpertId}/payouts`, { amountCents: 4_000, invoice });
  await call(service, 'POST', `/payout-requests/${request.id}/manual-transfer-task`);

  return {
    records: {
      'experts.id': { value: homeExpertId, tenancy: 'home' },
      expertId: { value: homeExpertId, tenancy: 'home' },
      'payout-requests.id': { value: request.id, tenancy: 'home' },
      'ledger.cursor': { value: commission.id, tenancy: 'home' },
      'payouts.cursor': { value: request.id, tenancy: 'home' },
      cycle: { value: cycle, tenancy: 'shared', why: 'a payout cycle is a date of every expert; the expert in the path carries the tenancy' },
    },
    markers: [homeExpertId, timeEntryId, commission.id, request.id, bankAccount.iban, bankAccount.accountHolder, 'home-lead-1', 'Home: lead commission', invoice.fileName],
  };
}
