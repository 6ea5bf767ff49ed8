import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fail } from './steps.js';
import { tcpAnswers } from './probes.js';

/** Where the servers we start listen. `npm test` has its own set so it can run beside `npm start`. */
export interface PortPlan {
  temporal: number;
  nats: number;
  /** undefined: headless (no Web UI). */
  temporalUi: number | undefined;
  stripeMock: number;
  smtp: number;
  mailWeb: number;
}

export const portPlans = {
  start: { temporal: 7233, nats: 4223, temporalUi: 8233, stripeMock: 12111, smtp: 1025, mailWeb: 1080 },
  test: { temporal: 7243, nats: 4233, temporalUi: undefined, stripeMock: 12121, smtp: 1035, mailWeb: 1090 },
  // `npm run bench` and `npm run chaos` (bench/), beside both of the above.
  bench: { temporal: 7253, nats: 4243, temporalUi: undefined, stripeMock: 12131, smtp: 1045, mailWeb: 1100 },
  chaos: { temporal: 7263, nats: 4253, temporalUi: undefined, stripeMock: 12141, smtp: 1055, mailWeb: 1110 },
} as const satisfies Record<string, PortPlan>;

/** Stops with a clear message when a port we are about to listen on is taken. */
export async function ensurePortFree(part: string, port: number, alternative: string): Promise<void> {
  if (!(await tcpAnswers('127.0.0.1', port))) return;
  const holder = await listenerOf(port);
  fail(
    part,
    `127.0.0.1:${port} is already in use${holder ? ` by ${holder}` : ''}`,
    `stop that process (is another \`npm start\` or \`npm test\` running?)${alternative ? `, or ${alternative}` : ''}`,
  );
}

/** "temporal (pid 123)" for the process listening on a local TCP port, when `ss` can tell. */
async function listenerOf(port: number): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('ss', ['-ltnpH', `sport = :${port}`]);
    const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(stdout);
    return match ? `${match[1]} (pid ${match[2]})` : undefined;
  } catch {
    return undefined;
  }
}

/** The ports among these that something still listens on (after a stop there should be none). */
export async function stillListening(ports: number[]): Promise<string[]> {
  const taken = await Promise.all(
    ports.map(async (port) => ((await tcpAnswers('127.0.0.1', port)) ? `${port}${await listenerOf(port).then((l) => (l ? ` (${l})` : ''))}` : undefined)),
  );
  return taken.filter((p): p is string => p !== undefined);
}
