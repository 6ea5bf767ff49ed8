import { randomUUID } from 'node:crypto';
import type { EventDefinition, EventEnvelope } from '@guild/contracts';
import type { Prisma } from '@guild/db';
import type { z } from 'zod';

let lastOccurredAt = 0;

// Timestamps are the only order the outbox keeps (millisecond precision), so within one process
// they are made strictly increasing: two events of one transaction keep the order they were
// recorded in.
function nextOccurredAt(): Date {
  lastOccurredAt = Math.max(Date.now(), lastOccurredAt + 1);
  return new Date(lastOccurredAt);
}

/**
 * The envelope of an event about to be recorded: the payload validated by its contract, a new id
 * (the outbox row's), and the next `occurredAt` of this process. For writers that insert the
 * outbox row themselves, in the statement of the state change it announces; others use `recordEvent`.
 */
export function newEventEnvelope<E extends EventDefinition>(source: string, event: E, payload: z.input<E['payload']>): EventEnvelope<z.output<E['payload']>> {
  const parsed = event.payload.safeParse(payload);
  if (!parsed.success) {
    throw new Error(`${event.subject} v${event.version} payload is invalid: ${parsed.error.message}`, {
      cause: parsed.error,
    });
  }
  return {
    id: randomUUID(),
    subject: event.subject,
    version: event.version,
    source,
    occurredAt: nextOccurredAt().toISOString(),
    payload: parsed.data as z.output<E['payload']>,
  };
}

/**
 * Records a domain event in the caller's transaction, so the event exists if and only if the
 * state change it announces commits. The relay publishes it afterwards; the row id is the event id.
 */
export async function recordEvent<E extends EventDefinition>(
  tx: Prisma.TransactionClient,
  source: string,
  event: E,
  payload: z.input<E['payload']>,
): Promise<EventEnvelope<z.output<E['payload']>>> {
  const envelope = newEventEnvelope(source, event, payload);
  await tx.outboxEvent.create({
    data: {
      id: envelope.id,
      source,
      subject: envelope.subject,
      version: envelope.version,
      payload: envelope.payload as Prisma.InputJsonValue,
      occurredAt: new Date(envelope.occurredAt),
    },
  });
  return envelope;
}
