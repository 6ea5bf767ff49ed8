import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';

/** Source entry of the workflow bundle, so tests run the code under review, not a stale build. */
export const workflowsPath = fileURLToPath(new URL('../src/workflows.ts', import.meta.url));

export function temporalAddress(): string {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    throw new Error('TEMPORAL_ADDRESS is not set: run the suite with `npm test`, which starts a Temporal dev server');
  }
  return address;
}

/** A client and a worker connection to the test Temporal server, plus a task queue of our own. */
export async function connectTestTemporal() {
  const address = temporalAddress();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default' });
  const workerConnection = await NativeConnection.connect({ address });
  const taskQueue = `test-${Math.random().toString(36).slice(2, 10)}`;
  return {
    client,
    workerConnection,
    taskQueue,
    async close() {
      await workerConnection.close();
      await connection.close();
    },
  };
}
