import { timeEntryApproved, type EventEnvelope } from '@guild/contracts';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BillingDeps } from '../domain/billing-deps.js';
import { drawApprovedWork } from '../domain/draw-approved-work.js';

/** Each approved time entry draws the customer's safe balance as it is approved (or is parked for ops). */
export function startApprovedWorkConsumer(opts: { nc: NatsConnection; namespace: string; deps: BillingDeps; logger: Logger }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'billing-approved-work',
    subjects: [timeEntryApproved.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.deps.prisma },
    handle: async (event: EventEnvelope) => {
      const entry = timeEntryApproved.payload.parse(event.payload);
      const outcome = await drawApprovedWork(opts.deps, entry);
      opts.logger.info({ eventId: event.id, timeEntryId: entry.timeEntryId, customerId: entry.customerId, outcome }, `approved work ${outcome}`);
    },
  });
}
