import { serviceTokenSource } from '@guild/platform';
import { testJwtSecret } from '@guild/testkit';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../src/activities.js';
import { createServiceClients, serviceUrlConfig } from '../../src/services.js';
import { workflowsPath } from '../temporal.js';

// Every process's workflows and activities on the test's task queue, as a process of its own
// that a test can SIGKILL (worker-process.ts starts it). Services at `<NAME>_URL`, signed in
// with the test secret; it prints `worker running` once it polls.
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const urls = Object.fromEntries(Object.entries(serviceUrlConfig).map(([name, schema]) => [name, schema.parse(process.env[name])])) as Record<keyof typeof serviceUrlConfig, string>;

const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
const worker = await Worker.create({
  connection,
  taskQueue: env('TEMPORAL_TASK_QUEUE'),
  workflowsPath,
  activities: createActivities({ services: createServiceClients(urls, serviceTokenSource({ jwtSecret: testJwtSecret })) }),
});
console.log('worker running');
await worker.run();
await connection.close();
