import { randomUUID } from 'node:crypto';
import { payoutRequested, type PayoutRequestBody } from '@guild/contracts';
import type { PayoutAccount, PayoutRequest, PrismaClient } from '@guild/db';
import { recordEvent } from '@guild/platform';
import { whyNotPayable } from './account-check.js';
import { appendLedgerEntry, balanceOf } from './ledger.js';
import { accountNotPayable, amountAboveAvailable, invoiceOnlyForBankTransfers, invoiceRequired, noPayoutAccount, notAPdf } from './payouts-errors.js';
import { PAYOUTS_SOURCE } from './source.js';

/**
 * An expert asks for part of their available balance. The amount is held in the same transaction
 * that checks it, under a lock on the expert's payout account: two requests at once are checked one
 * after the other, so together they can never hold more than was available.
 */
export async function requestPayout(prisma: PrismaClient, expertId: string, body: PayoutRequestBody, requestedBy: string): Promise<PayoutRequest> {
  const invoicePdf = body.invoice ? pdfOf(body.invoice.contentBase64) : null;
  return prisma.$transaction(async (tx) => {
    const [account] = await tx.$queryRaw<PayoutAccount[]>`
      SELECT expert_id AS "expertId", kind::text AS kind, status::text AS status, missing, disabled_reason AS "disabledReason"
      FROM payouts.payout_account WHERE expert_id = ${expertId} FOR UPDATE`;
    if (!account) throw noPayoutAccount();
    const notPayable = whyNotPayable(account);
    if (notPayable) throw accountNotPayable(notPayable);
    if (account.kind === 'bank_transfer' && !invoicePdf) throw invoiceRequired();
    if (account.kind === 'stripe_connect' && invoicePdf) throw invoiceOnlyForBankTransfers();

    const { availableCents } = await balanceOf(tx, expertId);
    if (body.amountCents > availableCents) throw amountAboveAvailable(body.amountCents, availableCents);

    const request = await tx.payoutRequest.create({
      data: {
        id: randomUUID(),
        expertId,
        amountCents: body.amountCents,
        status: 'held',
        accountKind: account.kind,
        requestedBy,
        ...(invoicePdf && body.invoice ? { invoicePdf, invoiceFileName: body.invoice.fileName } : {}),
      },
    });
    await appendLedgerEntry(tx, {
      expertId,
      kind: 'payout_held',
      amountCents: request.amountCents,
      idempotencyKey: `hold:${request.id}`,
      payoutRequestId: request.id,
      createdBy: requestedBy,
    });
    await recordEvent(tx, PAYOUTS_SOURCE, payoutRequested, {
      requestId: request.id,
      expertId,
      amountCents: request.amountCents,
      currency: 'USD',
      accountKind: request.accountKind,
      requestedAt: request.requestedAt.toISOString(),
    });
    return request;
  });
}

/** The invoice's bytes, refused unless they are a PDF (its `%PDF-` signature). */
function pdfOf(contentBase64: string): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw notAPdf();
  return new Uint8Array(bytes);
}
