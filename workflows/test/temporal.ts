import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
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

/**
 * A client and a worker connection to the test Temporal server, plus a task queue of our own.
 * With a data converter (the payload codec) the client encrypts as production's clients do;
 * `rawClient` then reads what the server really holds.
 */
export async function connectTestTemporal(opts: { dataConverter?: DataConverter } = {}) {
  const address = temporalAddress();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: 'default', ...(opts.dataConverter ? { dataConverter: opts.dataConverter } : {}) });
  const rawClient = new Client({ connection, namespace: 'default' });
  const workerConnection = await NativeConnection.connect({ address });
  const taskQueue = `test-${Math.random().toString(36).slice(2, 10)}`;
  return {
    client,
    rawClient,
    workerConnection,
    taskQueue,
    async close() {
      await workerConnection.close();
      await connection.close();
    },
  };
}
