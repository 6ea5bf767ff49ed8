import { paymentReceived, paymentRefunded, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import { clawBackCommission, earnCommission } from '../domain/book-commission.js';

/** Billing's payments earn commissions and its refunds claw them back; both are keyed, so redeliveries book nothing twice. */
export function bookCommissions(prisma: PrismaClient, refundWindowSeconds: number) {
  return async (event: EventEnvelope) => {
    if (event.subject === paymentReceived.subject) await earnCommission(prisma, paymentReceived.payload.parse(event.payload), refundWindowSeconds);
    if (event.subject === paymentRefunded.subject) await clawBackCommission(prisma, paymentRefunded.payload.parse(event.payload));
  };
}

export function startCommissionConsumer(opts: { nc: NatsConnection; namespace: string; prisma: PrismaClient; logger: Logger; refundWindowSeconds: number; booked: () => void }) {
  const book = bookCommissions(opts.prisma, opts.refundWindowSeconds);
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'sales-commissions',
    subjects: [paymentReceived.subject, paymentRefunded.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: async (event) => {
      await book(event);
      opts.booked();
    },
  });
}
