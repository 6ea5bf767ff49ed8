import type { HomeTenant, seedCaller } from '../service-under-test.js';

type Call = ReturnType<typeof seedCaller>;

export interface BillingPeople {
  homeCustomer: string;
  ops: string;
  service: string;
}

export const homeCustomerId = 'home-co';
export const otherCustomerId = 'other-co';

interface InvoiceView {
  id: string;
  stripeInvoiceId: string | null;
}

/** Last month, as the billing process closes it. */
function lastMonth() {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { period: start.toISOString().slice(0, 7), periodStart: start.toISOString(), periodEnd: end.toISOString() };
}

/**
 * The home tenant's account, told through the API as its people would: ops put home-co on a $300
 * deposit plan (its deposit invoice goes through Stripe) and credit it; the customer tops it up;
 * the billing process closes last month. The foreign tenant gets an account of its own, so its
 * lists are not trivially empty.
 */
export async function seedBillingTenants(call: Call, people: BillingPeople): Promise<HomeTenant> {
  const { homeCustomer, ops, service } = people;
  await call(ops, 'PUT', `/customers/${otherCustomerId}/plan`, { plan: 'pay_as_you_go' });

  await call(ops, 'PUT', `/customers/${homeCustomerId}/plan`, { plan: 'deposit', depositCents: 30_000 });
  const credit = await call<{ id: string }>(ops, 'POST', `/customers/${homeCustomerId}/adjustments`, { amountCents: 30_000, reason: 'Home: deposit paid by wire' });
  const topUp = await call<InvoiceView>(homeCustomer, 'POST', `/customers/${homeCustomerId}/deposits`, { amountCents: 20_000 });
  const statement = await call<{ id: string }>(service, 'POST', `/customers/${homeCustomerId}/statements`, lastMonth());

  return {
    records: {
      'customers.id': { value: homeCustomerId, tenancy: 'home' },
      // A ledger entry as the cursor of the ledger, an invoice as that of the invoices.
      'ledger.cursor': { value: credit.id, tenancy: 'home' },
      'invoices.cursor': { value: topUp.id, tenancy: 'home' },
      'invoices.id': { value: topUp.id, tenancy: 'home' },
      'statements.id': { value: statement.id, tenancy: 'home' },
    },
    markers: [homeCustomerId, credit.id, topUp.id, statement.id, 'Home: deposit paid by wire', ...(topUp.stripeInvoiceId ? [topUp.stripeInvoiceId] : [])],
  };
}
