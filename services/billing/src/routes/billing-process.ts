import {
  billingCustomerParamsSchema,
  billingInvoiceViewSchema,
  closePeriodBodySchema,
  dueCustomersQuerySchema,
  dueCustomersViewSchema,
  idParamsSchema,
  paymentReminderBodySchema,
  reconciliationViewSchema,
  statementViewSchema,
  stepKeyBodySchema,
} from '@guild/contracts';
import type { RouteRegistrar } from '@guild/platform';
import { z } from 'zod';
import type { BillingDeps } from '../domain/billing-deps.js';
import { closePeriod } from '../domain/close-period.js';
import { draftPeriodInvoice } from '../domain/draft-period-invoice.js';
import { reinstateCustomer, remindOfPayment, suspendCustomer } from '../domain/dunning.js';
import { findVisibleAccount } from '../domain/find-account.js';
import { issueInvoice } from '../domain/issue-invoice.js';
import { mailStatement } from '../domain/mail-statement.js';
import { periodEndedBy } from '../domain/periods.js';
import { reconcileWithStripe } from '../domain/reconcile.js';
import { toInvoiceView, toStatementView } from '../domain/views.js';

const done = z.object({ done: z.literal(true) });

/** The calls the billing process (the Temporal worker, service role) makes; each is idempotent. */
export function registerBillingProcessRoutes(r: RouteRegistrar, deps: BillingDeps) {
  const { prisma } = deps;
  const step = { tags: ['billing process'], roles: ['service'] as const };

  r.route({
    ...step,
    method: 'get',
    path: '/due-customers',
    summary: 'The period a run bills (the one that ended by `endedBy`) and the customers billed on its cadence',
    query: dueCustomersQuerySchema,
    response: dueCustomersViewSchema,
    handler: async ({ query }) => {
      const accounts = await prisma.billingAccount.findMany({ where: { cadence: query.cadence }, orderBy: { customerId: 'asc' }, select: { customerId: true } });
      const { period, start, end } = periodEndedBy(query.cadence, new Date(query.endedBy));
      return { period, periodStart: start.toISOString(), periodEnd: end.toISOString(), customerIds: accounts.map((a) => a.customerId) };
    },
  });

  r.route({
    ...step,
    method: 'post',
    path: '/customers/:id/statements',
    summary: "Close a customer's period: its draws and its overage (once per period)",
    params: billingCustomerParamsSchema,
    body: closePeriodBodySchema,
    response: statementViewSchema,
    handler: async ({ params, body, principal }) => {
      const account = await findVisibleAccount(prisma, principal, params.id);
      const statement = await closePeriod(deps, account, { period: body.period, periodStart: new Date(body.periodStart), periodEnd: new Date(body.periodEnd) });
      return toStatementView(statement);
    },
  });

  r.route({
    ...step,
    method: 'post',
    path: '/statements/:id/invoice',
    summary: "Draft the period's Stripe invoice for its overage",
    params: idParamsSchema,
    body: stepKeyBodySchema,
    response: billingInvoiceViewSchema,
    handler: async ({ params, body }) => toInvoiceView(await draftPeriodInvoice(deps, params.id, body.idempotencyKey)),
  });

  r.route({
    ...step,
    method: 'post',
    path: '/invoices/:id/issue',
    summary: 'Finalise and send the period invoice; its overage moves off the balance onto it',
    description: 'An overage above the threshold answers 409 `invoice_not_approved` until ops approve it.',
    params: idParamsSchema,
    body: stepKeyBodySchema,
    response: billingInvoiceViewSchema,
    handler: async ({ params, body }) => toInvoiceView(await issueInvoice(deps, params.id, body.idempotencyKey)),
  });

  r.route({
    ...step,
    method: 'post',
    path: '/statements/:id/statement-mail',
    summary: "Mail the customer the period's statement (once)",
    params: idParamsSchema,
    response: done,
    handler: async ({ params }) => {
      await mailStatement(deps, params.id);
      return { done: true as const };
    },
  });

  r.route({
    ...step,
    method: 'post',
    path: '/invoices/:id/payment-reminders',
    summary: 'Remind the customer of an unpaid invoice (each reminder once), alerting ops when asked',
    params: idParamsSchema,
    body: paymentReminderBodySchema,
    response: done,
    handler: async ({ params, body }) => {
      await remindOfPayment(deps, params.id, body.reminder, body.alertOps);
      return { done: true as const };
    },
  });

  r.route({
    ...step,
    method: 'post',
    path: '/invoices/:id/suspension',
    summary: "Pause the customer's projects for an invoice unpaid past dunning",
    params: idParamsSchema,
    response: done,
    handler: async ({ params }) => {
      await suspendCustomer(deps, params.id);
      return { done: true as const };
    },
  });

  r.route({
    ...step,
    method: 'post',
    path: '/invoices/:id/reinstatement',
    summary: 'Resume the projects paused for this invoice, now paid',
    params: idParamsSchema,
    response: done,
    handler: async ({ params }) => {
      await reinstateCustomer(deps, params.id);
      return { done: true as const };
    },
  });

  r.route({
    ...step,
    method: 'post',
    path: '/reconciliation',
    summary: "Compare the ledger's invoices and payments with Stripe's; ops are mailed any difference",
    response: reconciliationViewSchema,
    handler: async () => reconcileWithStripe(deps),
  });
}
