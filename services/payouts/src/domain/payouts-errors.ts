import { AppError } from '@guild/platform';

// The refusals of this service that callers act on, each with its own stable code.

const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export const amountAboveAvailable = (requestedCents: number, availableCents: number) =>
  new AppError('amount_above_available', {
    status: 422,
    message: `the amount ${usd(requestedCents)} is above the available balance of ${usd(availableCents)}`,
    fields: [{ path: 'body.amountCents', message: `at most ${availableCents} (availableCents) can be paid out` }],
  });

export const noPayoutAccount = () =>
  new AppError('no_payout_account', { status: 422, message: 'add a payout account first: a Stripe connected account or bank details' });

export const accountNotPayable = (reason: string) => new AppError('account_not_payable', { status: 422, message: reason });

export const invoiceRequired = () =>
  new AppError('invoice_required', { status: 422, message: 'a bank transfer is paid against your invoice: attach it as a PDF' });

export const invoiceOnlyForBankTransfers = () =>
  new AppError('invoice_not_expected', { status: 400, message: 'a Stripe payout takes no invoice' });

export const notAPdf = () => new AppError('invoice_not_pdf', { status: 400, message: 'the invoice must be a PDF file' });

export const payoutStatusRefused = (status: string, action: string) =>
  new AppError('payout_status', { status: 409, message: `the payout request is ${status}: it cannot be ${action}` });

export const stripeUnavailable = (cause: unknown) =>
  new AppError('stripe_unavailable', { status: 503, message: 'Stripe did not answer; try again shortly', cause });
