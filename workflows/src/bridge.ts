import { createPrismaClient } from '@guild/db';
import { connectNats, consumeEvents, createLogger, ensureEventStream, loadConfigOrExit } from '@guild/platform';
import { Client, Connection } from '@temporalio/client';
import { codecDataConverter } from './codec/data-converter.js';
import { codecKeyRingOrExit } from './codec/key-ring-or-exit.js';
import { bridgeConfig } from './config.js';
import { routeEvent } from './event-bridge.js';
import { supportQueryEventHandlers } from './support-query/bridge-handlers.js';

// The NATS → Temporal bridge: domain events become workflow starts and signals.
const config = loadConfigOrExit(bridgeConfig);
const logger = createLogger('bridge', config.LOG_LEVEL);
const prisma = createPrismaClient(config.DATABASE_URL);
const nc = await connectNats(config.NATS_URL, logger);
await ensureEventStream(nc, config.EVENT_NAMESPACE);
const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: codecDataConverter(codecKeyRingOrExit()) });

const handlers = {
  ...supportQueryEventHandlers({ client, taskQueue: config.TEMPORAL_TASK_QUEUE }, config.SUPPORT_POLICY),
};
const consumer = consumeEvents({
  nc,
  namespace: config.EVENT_NAMESPACE,
  durable: 'temporal-bridge',
  subjects: Object.keys(handlers),
  logger,
  idempotency: { prisma },
  handle: routeEvent(handlers, logger),
});
logger.info({ subjects: Object.keys(handlers) }, 'bridge running');

async function shutdown(signal: string) {
  logger.info({ signal }, 'bridge stopping');
  await consumer.stop();
  await nc.drain();
  await connection.close();
  await prisma.$disconnect();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
