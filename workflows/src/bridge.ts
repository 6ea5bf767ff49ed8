import { consumeEvents, runService } from '@guild/platform';
import { Client, Connection } from '@temporalio/client';
import { codecDataConverter } from './codec/data-converter.js';
import { codecKeyRingOrExit } from './codec/key-ring-or-exit.js';
import { bridgeConfig } from './config.js';
import { routeEvent } from './event-bridge.js';
import { allEventRoutes } from './event-handlers.js';

// The NATS → Temporal bridge: domain events become workflow starts and signals.
await runService({
  name: 'bridge',
  config: bridgeConfig,
  async start({ config, logger, ...connect }) {
    const prisma = connect.prisma();
    const nc = await connect.nats();
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: codecDataConverter(codecKeyRingOrExit()) });

    const { handlers, orderKeysOf } = allEventRoutes({ client, taskQueue: config.TEMPORAL_TASK_QUEUE }, config);
    const consumer = consumeEvents({
      nc,
      namespace: config.EVENT_NAMESPACE,
      durable: 'temporal-bridge',
      subjects: Object.keys(handlers),
      logger,
      idempotency: { prisma },
      ackWaitMs: config.EVENT_ACK_WAIT_SECONDS * 1000,
      // Events for different workflows are started and signalled side by side; one workflow's in order.
      concurrency: config.BRIDGE_CONCURRENCY,
      orderKeys: orderKeysOf,
      handle: routeEvent(handlers, logger),
    });
    return { background: [consumer, { stop: () => connection.close() }], announce: { subjects: Object.keys(handlers) } };
  },
});
