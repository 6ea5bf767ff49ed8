import { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { searchAttributeTypes } from '../../workflows/src/search-attributes.js';
import { codecEndpoint } from './services.js';
import { tcpAnswers, waitUntil } from './probes.js';
import { fail, say } from './steps.js';
import type { ProcessSpec } from './supervisor.js';

const part = 'Temporal';

/**
 * Server settings every Temporal we run gets. Eager activities: a workflow task that schedules an
 * activity on its own task queue gets the activity back in the same answer, instead of the
 * activity going through the task queue to a poller (a round trip per step of every process).
 */
export const temporalDynamicConfig = { 'system.enableActivityEagerExecution': true } as const;

/**
 * The Temporal dev server. With a database file, workflows, schedules and histories survive
 * restarts (SQLite in WAL mode); without one it is in-memory, as a test run wants.
 */
export function temporalDevServer(
  binary: string,
  options: { port: number; uiPort: number | undefined; dbFile: string | undefined; namespace: string; logFile: string },
): ProcessSpec {
  const { port, uiPort, dbFile, namespace } = options;
  return {
    name: 'temporal',
    logFile: options.logFile,
    ports: uiPort === undefined ? [port] : [port, uiPort],
    argv: [
      binary, 'server', 'start-dev',
      '--ip', '127.0.0.1',
      '--port', String(port),
      ...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort), '--ui-codec-endpoint', codecEndpoint]),
      ...(dbFile ? ['--db-filename', dbFile, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL'] : []),
      ...(namespace === 'default' ? [] : ['--namespace', namespace]),
      ...Object.entries(searchAttributeTypes).flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
      ...Object.entries(temporalDynamicConfig).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]),
    ],
  };
}

/** Waits for the port, then for a real gRPC answer: the namespace described by the frontend. */
export async function waitForTemporal(
  address: string,
  namespace: string,
  { gaveUp, remedy }: { gaveUp: () => string | undefined; remedy: string },
): Promise<void> {
  const [host = '127.0.0.1', port = '7233'] = address.split(':');
  const listening = await waitUntil(() => tcpAnswers(host, Number(port)), { timeoutMs: 60_000, gaveUp });
  if (!listening.ok) fail(part, `nothing listens at ${address}: ${listening.reason}`, remedy);
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  try {
    const described = await waitUntil(
      async () => {
        await connection.workflowService.describeNamespace({ namespace });
        return true;
      },
      { timeoutMs: 30_000, gaveUp },
    );
    if (!described.ok) {
      fail(part, `the server at ${address} does not serve namespace "${namespace}": ${described.reason}`, `create it (temporal operator namespace create --namespace ${namespace}) or set TEMPORAL_NAMESPACE`);
    }
  } finally {
    await connection.close();
  }
  say(part, `answering gRPC at ${address} (namespace ${namespace})`);
}

/** On a server we did not start, the search attributes ops filter by are added where missing. */
export async function registerSearchAttributes(address: string, namespace: string): Promise<void> {
  const connection = await Connection.connect({ address, connectTimeout: '10s' });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = Object.entries(searchAttributeTypes).filter(([name]) => !(name in customAttributes));
    if (missing.length === 0) {
      say(part, 'search attributes already registered');
      return;
    }
    const { IndexedValueType } = proto.temporal.api.enums.v1;
    const searchAttributes = Object.fromEntries(
      missing.map(([name, type]) => [name, IndexedValueType[`INDEXED_VALUE_TYPE_${type.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toUpperCase()}` as keyof typeof IndexedValueType]]),
    );
    try {
      await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
    } catch (error) {
      // Registered by someone else in the meantime: that is what we wanted.
      if (grpcCode(error) !== grpcAlreadyExists) throw error;
    }
    say(part, `registered search attributes ${missing.map(([name]) => name).join(', ')}`);
  } finally {
    await connection.close();
  }
}

const grpcAlreadyExists = 6;

function grpcCode(error: unknown): number | undefined {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  const found = typeof code === 'number' ? code : cause?.code;
  return typeof found === 'number' ? found : undefined;
}
