import type { PrismaClient } from '@guild/db';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/** The database answers a query. */
export async function prismaReady(prisma: PrismaClient): Promise<void> {
  await prisma.$queryRaw`SELECT 1`;
}

/** The connection is open and JetStream answers (a reconnecting client would only buffer). */
export async function natsReady(nc: NatsConnection): Promise<void> {
  if (nc.isClosed()) throw new Error('the NATS connection is closed');
  const jsm = await jetstreamManager(nc, { checkAPI: false });
  await jsm.getAccountInfo();
}
