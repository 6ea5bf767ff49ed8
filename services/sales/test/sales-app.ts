import { randomUUID } from 'node:crypto';
import { paymentReceived, paymentRefunded } from '@guild/contracts';
import { createTestDatabase } from '@guild/db/testing';
import { callerAs, captureLogs, expert, ops, service, testJwtSecret } from '@guild/testkit';
import { expect } from 'vitest';
import { bookCommissions } from '../src/consumers/commissions.js';
import { createServer } from '../src/server.js';

export const publicUrl = 'https://sales.guild.test';

/** The sales service on a fresh database; billing's events are handed to its consumer directly. */
export async function startSales(opts: { refundWindowSeconds?: number } = {}) {
  const db = await createTestDatabase();
  const logs = captureLogs('sales-test', 'trace');
  const app = createServer({ prisma: db.prisma, logger: logs.logger, jwtSecret: testJwtSecret, readiness: {}, publicUrl });
  const book = bookCommissions(db.prisma, opts.refundWindowSeconds ?? 30 * 24 * 3600);
  const envelope = (subject: string, payload: unknown) => ({ id: randomUUID(), version: 1, source: 'billing', occurredAt: new Date().toISOString(), subject, payload });
  const pay = (customerId: string, amountCents: number, invoiceId = randomUUID(), paidAt = new Date()) =>
    book(envelope(paymentReceived.subject, { invoiceId, customerId, kind: 'period', period: '2026-11', amountCents, currency: 'USD', stripeInvoiceId: 'in_1', paidAt: paidAt.toISOString() })).then(() => invoiceId);
  const refund = (p: { customerId: string; invoiceId: string; refundId: string; amountCents: number; paymentCents: number; refundedTotalCents: number }) =>
    book(envelope(paymentRefunded.subject, { ...p, currency: 'USD', refundedAt: new Date().toISOString() }));
  return { db, app, logs, as: callerAs(app), pay, refund };
}
export type Sales = Awaited<ReturnType<typeof startSales>>;

export const alice = expert('alice');
export const bob = expert('bob');
export { ops, service };

export const leadDetails = (company = 'Acme Ltd') => ({ companyName: company, contactName: 'Jane Roe', contactEmail: `jane+${randomUUID().slice(0, 8)}@acme.test`, needs: 'HubSpot set-up and a weekly report' });

/** A lead of alice's taken as far as `stage` through the API. */
export async function leadAt(sales: Sales, stage: 'new' | 'meeting_booked' | 'offer_presented' | 'draft_sent' | 'won', owner = alice) {
  const created = await sales.as(owner).post('/leads', leadDetails());
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  if (stage === 'new') return id;
  expect((await sales.as(owner).post(`/leads/${id}/meeting`, { startsAt: '2026-12-01T10:00:00Z', minutes: 45 })).status).toBe(200);
  if (stage === 'meeting_booked') return id;
  expect((await sales.as(owner).post(`/leads/${id}/offer`, { rateCents: 6000, hours: 40, talentRegion: 'eu_asia' })).status).toBe(200);
  if (stage === 'offer_presented') return id;
  expect((await sales.as(owner).post(`/leads/${id}/draft`, { tasks: [{ title: 'Set up HubSpot', estimateHours: 12 }] })).status).toBe(200);
  if (stage === 'draft_sent') return id;
  expect((await sales.as(owner).post(`/leads/${id}/outcome`, { outcome: 'won' })).status).toBe(200);
  return id;
}

/** The accept token from the draft mail queued for the lead's contact. */
export async function acceptTokenOf(sales: Sales, leadId: string) {
  const mails = await sales.db.prisma.outboundMail.findMany({ where: { source: 'sales', template: 'sales.project-draft', idempotencyKey: { startsWith: `lead-draft:${leadId}:` } }, orderBy: { createdAt: 'desc' } });
  const url = (mails[0]?.data as { acceptUrl: string } | undefined)?.acceptUrl ?? '';
  return decodeURIComponent(url.split('#token=')[1] ?? '');
}
