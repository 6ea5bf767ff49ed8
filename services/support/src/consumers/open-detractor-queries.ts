import { createHash } from 'node:crypto';
import { npsAnswered, type EventEnvelope } from '@guild/contracts';
import type { PrismaClient } from '@guild/db';
import { consumeEvents, type Logger } from '@guild/platform';
import type { NatsConnection } from '@nats-io/transport-node';
import { submitQuery } from '../domain/submit-query.js';
import { isUniqueViolation } from '../domain/unique-violation.js';

/** The query a survey opens: its id follows from the survey's, so a survey opens at most one. */
export function detractorQueryIdOf(surveyId: string): string {
  const hex = createHash('sha256').update(`nps-detractor:${surveyId}`).digest('hex');
  // A version-5-shaped UUID (name-based), so it passes as any other query id.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A detractor's NPS answer (score 6 or less) opens a support query on the customer's behalf, about
 * the project and with their comment, which then runs as any query does. Once per survey.
 */
export function openDetractorQuery(prisma: PrismaClient, eventsRecorded: () => void) {
  return async (event: EventEnvelope) => {
    const nps = npsAnswered.payload.parse(event.payload);
    if (!nps.detractor) return;
    const id = detractorQueryIdOf(nps.surveyId);
    if (await prisma.query.findUnique({ where: { id }, select: { id: true } })) return;
    // The project is named when support follows it (its lifecycle events came first).
    const known = await prisma.customerProject.findFirst({ where: { projectId: nps.projectId, customerId: nps.customerId }, select: { projectId: true } });
    const project = nps.projectTitle ? `project "${nps.projectTitle}"` : `project ${nps.projectId}`;
    const body = {
      subject: `NPS ${nps.score}/10 on ${project} (week of ${nps.period})`.slice(0, 200),
      body: (nps.comment?.trim() || `The customer scored the week ${nps.score}/10 and left no comment.`).slice(0, 20_000),
      ...(known ? { projectId: known.projectId } : {}),
    };
    try {
      await submitQuery(prisma, nps.customerId, body, { channel: 'api' }, null, id);
    } catch (error) {
      if (isUniqueViolation(error)) return; // another delivery opened it a moment ago
      throw error;
    }
    eventsRecorded();
  };
}

export function startDetractorQueryOpener(opts: { nc: NatsConnection; namespace: string; prisma: PrismaClient; logger: Logger; eventsRecorded: () => void }) {
  return consumeEvents({
    nc: opts.nc,
    namespace: opts.namespace,
    durable: 'support-nps-detractors',
    subjects: [npsAnswered.subject],
    logger: opts.logger,
    idempotency: { prisma: opts.prisma },
    handle: openDetractorQuery(opts.prisma, opts.eventsRecorded),
  });
}
