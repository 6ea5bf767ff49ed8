import { timeEntryApproved } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import { recordApprovedWork } from '../domain/approved-work.js';
import { recheckConnectedAccount } from '../domain/recheck-account.js';
import type { StripeConnect } from '../stripe/connect.js';

/** Approved hours wait for the payout cycle; each approval also rechecks the expert's payout account. */
export function handleApprovedHours(prisma: PrismaClient, stripe: StripeConnect, logger: Logger) {
  return async (event: { payload: unknown }) => {
    const entry = timeEntryApproved.payload.parse(event.payload);
    await recordApprovedWork(prisma, entry);
    await recheckConnectedAccount(prisma, stripe, entry.expertId, logger);
  };
}

export function startApprovedHoursConsumer(opts: { nc: NatsConnection; namespace: string; prisma: PrismaClient; stripe: StripeConnect; logger: Logger }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'payouts-approved-hours',
    subjects: [timeEntryApproved.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: handleApprovedHours(opts.prisma, opts.stripe, opts.logger),
  });
}
