import { defineMailTemplate, mailTemplates } from '@guild/platform';
import { z } from 'zod';

// Every mail the payouts process sends, declared once. Amounts arrive in cents and are written
// here in dollars; experts and ops are people resolved by identity when each mail is sent.

export const usd = (cents: number) => `${cents < 0 ? '-' : ''}$${(Math.abs(cents) / 100).toFixed(2)}`;
const request = { requestId: z.uuid(), amountCents: z.number().int() };

export const accountNeedsAttentionMail = defineMailTemplate({
  name: 'payouts.account-needs-attention',
  data: z.object({ missing: z.array(z.string()).min(1) }),
  subject: () => 'Your payout account cannot receive payouts yet',
  text: (d) =>
    ['Stripe cannot pay out to your connected account until it has:', ...d.missing.map((m) => `  - ${m}`), '', 'Please complete these in your Stripe account, so your next payout is not held up.'].join('\n'),
});

export const accountPausedMail = defineMailTemplate({
  name: 'payouts.account-paused',
  data: z.object({ expertId: z.string(), stripeAccountId: z.string(), disabledReason: z.string().nullable() }),
  subject: (d) => `Stripe paused payouts to expert ${d.expertId} with nothing listed to fix`,
  text: (d) =>
    [
      `Stripe reports payouts disabled on ${d.stripeAccountId} (expert ${d.expertId})${d.disabledReason ? `, reason ${d.disabledReason}` : ''}, and lists no requirement the expert could complete.`,
      'The expert cannot fix this alone: please check the account with Stripe support. Their payout requests are refused until it is cleared.',
    ].join('\n'),
});

export const statementMail = defineMailTemplate({
  name: 'payouts.statement',
  data: z.object({
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    lines: z.array(z.object({ day: z.iso.date(), minutes: z.number().int(), rateCents: z.number().int(), amountCents: z.number().int() })),
    creditedCents: z.number().int(),
    availableCents: z.number().int(),
    heldCents: z.number().int(),
  }),
  subject: (d) => `Your payout statement, ${d.periodStart} to ${d.periodEnd}`,
  text: (d) =>
    [
      `Approved work credited to your safe balance for ${d.periodStart} to ${d.periodEnd}:`,
      ...(d.lines.length ? d.lines.map((l) => `  - ${l.day}: ${l.minutes} min at ${usd(l.rateCents)}/h = ${usd(l.amountCents)}`) : ['  (no approved hours this period)']),
      `Credited: ${usd(d.creditedCents)}`,
      '',
      `Available to pay out: ${usd(d.availableCents)}${d.heldCents ? ` (plus ${usd(d.heldCents)} held for payouts in progress)` : ''}.`,
      'Request a payout any time: it is paid within 24 hours.',
    ].join('\n'),
});

export const payoutPaidMail = defineMailTemplate({
  name: 'payouts.paid',
  data: z.object({ ...request, method: z.enum(['stripe_connect', 'bank_transfer']) }),
  subject: (d) => `Your payout of ${usd(d.amountCents)} is on its way`,
  text: (d) =>
    `Your payout request of ${usd(d.amountCents)} is paid ${d.method === 'stripe_connect' ? 'to your Stripe connected account' : 'by bank transfer'}. Reference: ${d.requestId}.`,
});

export const payoutNotPaidMail = defineMailTemplate({
  name: 'payouts.not-paid',
  data: z.object({ ...request, reason: z.string() }),
  subject: (d) => `Your payout of ${usd(d.amountCents)} could not be paid`,
  text: (d) =>
    [`Your payout request of ${usd(d.amountCents)} (${d.requestId}) could not be paid: ${d.reason}.`, '', 'The amount is back in your available balance; request again once this is fixed.'].join('\n'),
});

export const manualTransferTaskMail = defineMailTemplate({
  name: 'payouts.manual-transfer-task',
  data: z.object({ ...request, expertId: z.string(), dueAt: z.iso.datetime() }),
  subject: (d) => `Bank transfer to pay: ${usd(d.amountCents)} to expert ${d.expertId}`,
  text: (d) =>
    [
      `Expert ${d.expertId} asked for a payout of ${usd(d.amountCents)} by bank transfer, due by ${d.dueAt}.`,
      `The bank details and the invoice are at GET /payout-requests/${d.requestId}/manual-transfer; mark it paid with POST /payout-requests/${d.requestId}/manual-transfer/paid.`,
    ].join('\n'),
});

export const payoutReviewMail = defineMailTemplate({
  name: 'payouts.review-needed',
  data: z.object({ ...request, expertId: z.string(), reason: z.string() }),
  subject: (d) => `Payout ${d.requestId} needs a person: ${usd(d.amountCents)} to expert ${d.expertId}`,
  text: (d) =>
    [
      `The payout process stopped at a step it cannot undo by itself: ${d.reason}.`,
      'The amount stays held. Check the transfer with Stripe, then resolve it with',
      `POST /payout-requests/${d.requestId}/review-resolution { "outcome": "paid" | "released", "note": … }.`,
    ].join('\n'),
});

export const deadlineWarningMail = defineMailTemplate({
  name: 'payouts.deadline-warning',
  data: z.object({ ...request, expertId: z.string(), status: z.string(), dueAt: z.iso.datetime() }),
  subject: (d) => `Payout ${d.requestId} is due at ${d.dueAt} and not paid yet`,
  text: (d) => `The payout of ${usd(d.amountCents)} to expert ${d.expertId} is ${d.status} and must be paid by ${d.dueAt} (24 h from the request).`,
});

export const deadlineBreachMail = defineMailTemplate({
  name: 'payouts.deadline-breach',
  data: z.object({ ...request, expertId: z.string(), status: z.string(), dueAt: z.iso.datetime() }),
  subject: (d) => `Breach: payout ${d.requestId} missed its 24 h deadline`,
  text: (d) => `The payout of ${usd(d.amountCents)} to expert ${d.expertId} was due at ${d.dueAt} and is still ${d.status}. It shows as SlaBreached in the Temporal UI.`,
});

export const payoutsMailTemplates = mailTemplates(
  accountNeedsAttentionMail,
  accountPausedMail,
  statementMail,
  payoutPaidMail,
  payoutNotPaidMail,
  manualTransferTaskMail,
  payoutReviewMail,
  deadlineWarningMail,
  deadlineBreachMail,
);
