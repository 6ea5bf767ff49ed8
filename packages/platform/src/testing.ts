import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { signToken, type Principal } from './auth.js';
import { deleteEventStream, ensureEventStream } from './nats.js';

/** Signs and verifies tokens in tests; never used outside them. */
export const testJwtSecret = 'guild-test-secret-0123456789-abcdefghijklmnop';

export function tokenFor(principal: Principal, opts?: { expiresIn?: string }): Promise<string> {
  return signToken(testJwtSecret, principal, opts);
}

export interface TestNamespace {
  namespace: string;
  nc: NatsConnection;
  /** Deletes the namespace's stream and closes the connection. */
  cleanup(): Promise<void>;
}

/**
 * A namespace of its own on the shared NATS server (subjects `t_ab12cd34.support.…`, stream
 * `T_AB12CD34_EVENTS`), so test files running in parallel never see each other's events.
 */
export async function createTestNamespace(): Promise<TestNamespace> {
  const namespace = `t_${randomBytes(4).toString('hex')}`;
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  await ensureEventStream(nc, namespace);
  return {
    namespace,
    nc,
    async cleanup() {
      await deleteEventStream(nc, namespace);
      await nc.close();
    },
  };
}

export { freePort, startMailSink, type MailSink, type SunkMail } from './testing/mail-sink.js';
