import { shown } from './paths.js';
import { httpAnswers, waitUntil } from './probes.js';
import { fail, say } from './steps.js';
import type { ProcessSpec } from './supervisor.js';

export function stripeMockServer(binary: string, port: number, logFile: string): ProcessSpec {
  return {
    name: 'stripe-mock',
    logFile,
    ports: [port],
    // An explicit HTTPS address on a free loopback port: otherwise stripe-mock also listens on
    // [::]:12112, and a second instance (npm test beside npm start) would collide there.
    argv: [binary, '-http-addr', `127.0.0.1:${port}`, '-https-addr', '127.0.0.1:0'],
  };
}

export async function waitForStripeMock(url: string, gaveUp: () => string | undefined, logFile: string): Promise<void> {
  const answered = await waitUntil(() => httpAnswers(`${url}/v1/customers`, { Authorization: 'Bearer sk_test_123' }), {
    timeoutMs: 30_000,
    gaveUp,
  });
  if (!answered.ok) fail('stripe-mock', `no answer at ${url}: ${answered.reason}`, `read ${shown(logFile)}, then run again`);
  say('stripe-mock', `answering at ${url}`);
}
