import { deleteEventStream, ensureEventStream } from '@guild/platform';
import { openTestNamespace, type TestNamespace } from './namespace-core.js';

export type { TestNamespace } from './namespace-core.js';

/**
 * A namespace of its own on the shared NATS server (subjects `t_ab12cd34.support.…`, stream
 * `T_AB12CD34_EVENTS`), so test files running in parallel never see each other's events.
 */
export function createTestNamespace(): Promise<TestNamespace> {
  return openTestNamespace({ ensureEventStream, deleteEventStream });
}
