import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';

export interface TestNamespace {
  namespace: string;
  nc: NatsConnection;
  /** Deletes the namespace's stream and closes the connection. */
  cleanup(): Promise<void>;
}

interface EventStreams {
  ensureEventStream(nc: NatsConnection, namespace: string): Promise<void>;
  deleteEventStream(nc: NatsConnection, namespace: string): Promise<void>;
}

/** Takes the stream functions as arguments so the platform's own tests can pass its sources. */
export async function openTestNamespace(streams: EventStreams): Promise<TestNamespace> {
  const namespace = `t_${randomBytes(4).toString('hex')}`;
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  await streams.ensureEventStream(nc, namespace);
  return {
    namespace,
    nc,
    async cleanup() {
      await streams.deleteEventStream(nc, namespace);
      await nc.close();
    },
  };
}
