import { customerReinstated, customerSuspended, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { consumeEvents, type ConsumeEventsOptions, type Logger } from '@guild/platform';
import { pauseForUnpaidInvoice, resumeAfterPayment } from '../domain/billing-pause.js';

/** Billing's word on a customer: unpaid past dunning pauses their active projects, the payment resumes them. */
export function handleBillingStanding(prisma: PrismaClient, logger: Logger, eventsRecorded: () => void = () => {}) {
  return async (event: EventEnvelope) => {
    if (event.subject === customerSuspended.subject) {
      const { customerId, invoiceId } = customerSuspended.payload.parse(event.payload);
      const paused = await pauseForUnpaidInvoice(prisma, customerId, invoiceId);
      logger.info({ eventId: event.id, customerId, invoiceId, paused }, `paused ${paused.length} project(s): unpaid invoice`);
    } else if (event.subject === customerReinstated.subject) {
      const { customerId, invoiceId } = customerReinstated.payload.parse(event.payload);
      const resumed = await resumeAfterPayment(prisma, customerId, invoiceId);
      logger.info({ eventId: event.id, customerId, invoiceId, resumed }, `resumed ${resumed.length} project(s): invoice paid`);
    }
    eventsRecorded();
  };
}

export function startBillingStandingConsumer(opts: Pick<ConsumeEventsOptions, 'nc' | 'namespace' | 'logger'> & { prisma: PrismaClient; eventsRecorded?: () => void }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'projects-billing-standing',
    subjects: [customerSuspended.subject, customerReinstated.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: handleBillingStanding(opts.prisma, opts.logger, opts.eventsRecorded),
  });
}
