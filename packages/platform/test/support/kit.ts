// The test kit (packages/testkit) runs on the built platform; the platform's own tests use the
// kit's platform-free parts and bind the rest to the sources under test.
import { testJwtSecret } from '../../../testkit/src/jwt-secret.js';
import { logLines } from '../../../testkit/src/log-lines.js';
import { openTestNamespace } from '../../../testkit/src/namespace-core.js';
import { signToken, type Principal } from '../../src/auth.js';
import { createLogger } from '../../src/logger.js';
import { deleteEventStream, ensureEventStream } from '../../src/nats.js';

export { eventually } from '../../../testkit/src/eventually.js';
export { freePort, startMailSink, type MailSink, type SunkMail } from '../../../testkit/src/mail-sink.js';
export type { TestNamespace } from '../../../testkit/src/namespace-core.js';
export { testJwtSecret };

export const tokenFor = (principal: Principal, opts?: { expiresIn?: string }) => signToken(testJwtSecret, principal, opts);

export function captureLogs(name: string) {
  const log = logLines();
  return { ...log, logger: createLogger(name, 'debug', log.destination) };
}

export const createTestNamespace = () => openTestNamespace({ ensureEventStream, deleteEventStream });
