import { createLogger, loadConfigOrExit } from '@guild/platform';
import { Client, Connection } from '@temporalio/client';
import { codecDataConverter } from './codec/data-converter.js';
import { codecKeyRingOrExit } from './codec/key-ring-or-exit.js';
import { z } from 'zod';
import { schedulesConfig } from './config.js';
import { allSchedules } from './schedules/all.js';
import { registerSchedules } from './schedules/register.js';

// One-shot: registers (or updates) every schedule, then exits. Safe to run at every start.
const config = loadConfigOrExit({ ...schedulesConfig, LOG_LEVEL: z.string().default('info') });
const logger = createLogger('schedules', config.LOG_LEVEL);
const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: codecDataConverter(codecKeyRingOrExit()) });
for (const r of await registerSchedules(client, allSchedules(config.TEMPORAL_TASK_QUEUE, { billing: config.BILLING_POLICY }))) {
  logger.info(r, `schedule ${r.action}`);
}
await connection.close();
