import { z } from 'zod';

/** A domain event as it travels on NATS: the envelope is the same for every subject. */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  subject: z.string().min(1),
  version: z.number().int().positive(),
  source: z.string().min(1),
  occurredAt: z.iso.datetime(),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'payload'> & {
  payload: P;
};

export interface EventDefinition<S extends string = string, P extends z.ZodType = z.ZodType> {
  subject: S;
  version: number;
  payload: P;
}

/** Declares one event: its subject (as the business speaks), its version and its payload schema. */
export function defineEvent<S extends string, P extends z.ZodType>(
  subject: S,
  version: number,
  payload: P,
): EventDefinition<S, P> {
  return { subject, version, payload };
}

export type EventPayload<E extends EventDefinition> = z.infer<E['payload']>;
