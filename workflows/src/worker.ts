import { fileURLToPath } from 'node:url';
import { createLogger, loadConfigOrExit, serviceTokenSource } from '@guild/platform';
import { NativeConnection, Worker } from '@temporalio/worker';
import { z } from 'zod';
import { createActivities } from './activities.js';
import { codecDataConverter } from './codec/data-converter.js';
import { codecKeyRingOrExit } from './codec/key-ring-or-exit.js';
import { workerConfig } from './config.js';
import { createServiceClients } from './services.js';

// One task queue for every process: the worker is small and the processes share its activities.
const config = loadConfigOrExit({
  ...workerConfig,
  // Workflows kept in memory between tasks: the worker's RSS grows with it, not with the number of
  // open workflows (an evicted one is replayed from its history on its next task).
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).default(500),
});
const logger = createLogger('worker', config.LOG_LEVEL);

const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  workflowsPath: fileURLToPath(new URL('./workflows.js', import.meta.url)),
  dataConverter: codecDataConverter(codecKeyRingOrExit()),
  activities: createActivities({
    services: createServiceClients(
      config,
      serviceTokenSource({
        identityUrl: config.IDENTITY_URL,
        clientId: config.IDENTITY_WORKER_CLIENT_ID,
        clientSecret: config.IDENTITY_WORKER_CLIENT_SECRET,
        jwtSecret: config.JWT_SECRET,
        devSubject: 'temporal-worker',
      }),
    ),
  }),
});
logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, address: config.TEMPORAL_ADDRESS, maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS }, 'worker running');
// Worker.run() shuts down gracefully on SIGINT/SIGTERM by itself.
await worker.run();
await connection.close();
logger.info('worker stopped');
