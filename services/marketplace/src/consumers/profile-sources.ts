import { expertRegistered, npsAnswered, timeEntryApproved, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import { openProfile, recordApproval, recordNps } from '../domain/profiles.js';

/**
 * Where profiles come from and what they learn: identity registering an expert opens a draft
 * profile; projects' NPS answers and approved hours are the expert's quality from past projects.
 * Each event is handled once (the consumer's idempotency records).
 */
export function handleProfileSources(prisma: PrismaClient) {
  return async (event: EventEnvelope) => {
    if (event.subject.endsWith(expertRegistered.subject)) await openProfile(prisma, expertRegistered.payload.parse(event.payload).expertId);
    else if (event.subject.endsWith(npsAnswered.subject)) {
      const nps = npsAnswered.payload.parse(event.payload);
      await recordNps(prisma, nps.expertId, nps.score);
    } else if (event.subject.endsWith(timeEntryApproved.subject)) {
      const entry = timeEntryApproved.payload.parse(event.payload);
      await recordApproval(prisma, entry.expertId, entry.minutes);
    }
  };
}

export function startProfileSourcesConsumer(opts: { nc: NatsConnection; namespace: string; prisma: PrismaClient; logger: Logger }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'marketplace-profile-sources',
    subjects: [expertRegistered.subject, npsAnswered.subject, timeEntryApproved.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: handleProfileSources(opts.prisma),
  });
}
