import {
  balanceAdjustmentBodySchema,
  billingAccountViewSchema,
  billingCustomerParamsSchema,
  billingInvoiceViewSchema,
  customerBalanceViewSchema,
  customerLedgerEntryViewSchema,
  invoicePreviewSchema,
  pageOf,
  pageQuerySchema,
  setPlanBodySchema,
  topUpBodySchema,
} from '@guild/contracts';
import { invalidCursor, type RouteRegistrar } from '@guild/platform';
import { adjustBalance } from '../domain/adjust-balance.js';
import type { BillingDeps } from '../domain/billing-deps.js';
import { findVisibleAccount } from '../domain/find-account.js';
import { balanceOf } from '../domain/ledger.js';
import { previewInvoice } from '../domain/preview-invoice.js';
import { setPlan } from '../domain/set-plan.js';
import { startDeposit } from '../domain/start-deposit.js';
import { toAccountView, toInvoiceView, toLedgerEntryView } from '../domain/views.js';

export function registerCustomerRoutes(r: RouteRegistrar, deps: BillingDeps) {
  const { prisma } = deps;

  r.route({
    method: 'put',
    path: '/customers/:id/plan',
    summary: "Set a customer's plan (ops): a deposit (safe balance) or pay-as-you-go, billed monthly or every two weeks",
    description: 'A deposit plan sends the deposit invoice through Stripe; the balance is credited when Stripe confirms the payment.',
    tags: ['accounts'],
    // A won lead's process sets the new customer's hourly plan.
    roles: ['ops', 'service'],
    params: billingCustomerParamsSchema,
    body: setPlanBodySchema,
    response: billingAccountViewSchema,
    handler: async ({ params, body }) => toAccountView(await setPlan(deps, params.id, body)),
  });

  r.route({
    method: 'post',
    path: '/customers/:id/deposits',
    summary: 'Top up the safe balance: a deposit invoice from Stripe (the customer or ops)',
    tags: ['accounts'],
    roles: ['customer', 'ops'],
    params: billingCustomerParamsSchema,
    body: topUpBodySchema,
    response: billingInvoiceViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const account = await findVisibleAccount(prisma, principal, params.id);
      return toInvoiceView(await startDeposit(deps, account, body.amountCents));
    },
  });

  r.route({
    method: 'get',
    path: '/customers/:id/balance',
    summary: 'The live safe balance: the sum of the ledger, approved work drawn as it is approved',
    tags: ['balance'],
    roles: ['customer', 'ops', 'service'],
    params: billingCustomerParamsSchema,
    response: customerBalanceViewSchema,
    handler: async ({ params, principal }) => {
      const account = await findVisibleAccount(prisma, principal, params.id);
      const open = await prisma.billingInvoice.aggregate({ where: { customerId: account.customerId, kind: 'period', status: { in: ['open', 'payment_failed'] } }, _sum: { amountCents: true } });
      return { customerId: account.customerId, balanceCents: await balanceOf(prisma, account.customerId), openInvoicesCents: open._sum.amountCents ?? 0, currency: 'USD' as const };
    },
  });

  r.route({
    method: 'get',
    path: '/customers/:id/ledger',
    summary: "The customer's ledger, oldest first: deposits, work drawn, invoices, refunds, adjustments",
    tags: ['balance'],
    roles: ['customer', 'ops', 'service'],
    params: billingCustomerParamsSchema,
    query: pageQuerySchema,
    response: pageOf(customerLedgerEntryViewSchema),
    handler: async ({ params, query, principal }) => {
      const account = await findVisibleAccount(prisma, principal, params.id);
      const where = { customerId: account.customerId };
      if (query.cursor && !(await prisma.billingLedgerEntry.findFirst({ where: { ...where, id: query.cursor } }))) throw invalidCursor();
      const rows = await prisma.billingLedgerEntry.findMany({
        where,
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        take: query.limit + 1,
        ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
      });
      const items = rows.slice(0, query.limit);
      return { items: items.map(toLedgerEntryView), nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
    },
  });

  r.route({
    method: 'get',
    path: '/customers/:id/invoices',
    summary: "The customer's invoices, newest first: deposits and period overages",
    tags: ['invoices'],
    roles: ['customer', 'ops', 'service'],
    params: billingCustomerParamsSchema,
    query: pageQuerySchema,
    response: pageOf(billingInvoiceViewSchema),
    handler: async ({ params, query, principal }) => {
      const account = await findVisibleAccount(prisma, principal, params.id);
      const where = { customerId: account.customerId };
      if (query.cursor && !(await prisma.billingInvoice.findFirst({ where: { ...where, id: query.cursor } }))) throw invalidCursor();
      const rows = await prisma.billingInvoice.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit + 1,
        ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
      });
      const items = rows.slice(0, query.limit);
      return { items: items.map(toInvoiceView), nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
    },
  });

  r.route({
    method: 'get',
    path: '/customers/:id/invoice-preview',
    summary: "The running period's invoice if it closed now",
    tags: ['invoices'],
    roles: ['customer', 'ops', 'service'],
    params: billingCustomerParamsSchema,
    response: invoicePreviewSchema,
    handler: async ({ params, principal }) => previewInvoice(prisma, await findVisibleAccount(prisma, principal, params.id)),
  });

  r.route({
    method: 'post',
    path: '/customers/:id/adjustments',
    summary: 'Adjust a balance (ops), with a reason: a new ledger entry, never an edit',
    tags: ['balance'],
    roles: ['ops'],
    params: billingCustomerParamsSchema,
    body: balanceAdjustmentBodySchema,
    response: customerLedgerEntryViewSchema,
    status: 201,
    idempotent: true,
    handler: async ({ params, body, principal }) => {
      const account = await findVisibleAccount(prisma, principal, params.id);
      return toLedgerEntryView(await adjustBalance(deps, account.customerId, body, principal.subject));
    },
  });
}
