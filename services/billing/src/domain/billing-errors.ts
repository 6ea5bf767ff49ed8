import { AppError } from '@guild/platform';

// The refusals of the billing service that callers act on, each with its own stable code.

export const noBillingAccount = (customerId: string) =>
  new AppError('no_billing_account', { status: 404, message: `customer ${customerId} has no billing plan` });

export const invalidWebhook = (why: string) => new AppError('invalid_webhook', { status: 400, message: `the Stripe webhook is refused: ${why}` });

export const invoiceNotAwaitingApproval = (status: string) =>
  new AppError('invoice_not_awaiting_approval', { status: 409, message: `the invoice is ${status}: only an overage awaiting approval is approved` });

export const invoiceNotApproved = () =>
  new AppError('invoice_not_approved', { status: 409, message: 'the overage is above the customer\'s threshold: ops approve it before it is sent' });

export const invoiceNotOverdue = (status: string) =>
  new AppError('invoice_not_overdue', { status: 409, message: `the invoice is ${status}: only an unpaid invoice is chased` });

export const periodNotOver = (period: string) =>
  new AppError('period_not_over', { status: 422, message: `the period ${period} has not ended yet` });

export const invoiceNotPaid = (status: string) =>
  new AppError('invoice_not_paid', { status: 409, message: `the invoice is ${status}: the customer is reinstated once it is paid` });
