import type { EventEnvelope } from '@guild/contracts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { streamName } from '../../src/index.js';

/** Every event stored in the namespace's stream, in stream order (what any consumer would get). */
export async function eventsInStream(nc: NatsConnection, namespace: string): Promise<(EventEnvelope & { wireSubject: string })[]> {
  const stream = streamName(namespace);
  const { state } = await (await jetstreamManager(nc)).streams.info(stream);
  if (state.messages === 0) return [];
  const consumer = await jetstream(nc).consumers.get(stream);
  const envelopes: (EventEnvelope & { wireSubject: string })[] = [];
  const messages = await consumer.fetch({ max_messages: state.messages, expires: 2_000 });
  for await (const m of messages) {
    envelopes.push({ ...m.json<EventEnvelope>(), wireSubject: m.subject });
    if (envelopes.length === state.messages) break;
  }
  return envelopes;
}
