import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ops, service, startBillingApp, type BillingApp } from '../src/testing/billing-app.js';

let billing: BillingApp;
beforeAll(async () => {
  billing = await startBillingApp();
});
afterAll(async () => {
  await billing?.close();
});

// Found by the security fuzzer: these values become Stripe's Idempotency-Key header, which takes
// no character outside printable ASCII, so each answered 500 after Stripe's client gave up.
describe('values that become a Stripe idempotency key', () => {
  it('a customer id outside printable ASCII is refused with 400, and Stripe is never called', async () => {
    const res = await billing.as(ops).put(`/customers/${encodeURIComponent('zażółć')}/plan`, { plan: 'pay_as_you_go' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.fields)).toContain('a customer id is printable ASCII without spaces');
    expect(billing.stripeProxy.writes).toEqual([]);
  });

  it("a billing step's key outside printable ASCII is refused with 400", async () => {
    const res = await billing.as(service).post(`/statements/${randomUUID()}/invoice`, { idempotencyKey: 'billing-ключ:invoice' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error.fields)).toContain('an idempotency key is printable ASCII without spaces');
  });
});
