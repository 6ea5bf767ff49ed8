import net from 'node:net';
import { endpointOf, tcpAnswers, waitUntil } from './probes.js';
import { fail, say, warn } from './steps.js';
import type { ProcessSpec } from './supervisor.js';
import { natsServer } from './tools.js';

const part = 'NATS';

/** Our nats-server with JetStream, its streams in `storeDir`. */
export function natsServerProcess(binary: string, options: { port: number; storeDir: string; logFile: string }): ProcessSpec {
  return {
    name: 'nats',
    logFile: options.logFile,
    ports: [options.port],
    argv: [binary, '-a', '127.0.0.1', '-p', String(options.port), '-js', '-sd', options.storeDir],
  };
}

/**
 * Waits until NATS answers at the URL with JetStream on. A server we did not start (NATS_URL) may
 * run another version than the one compose deploys: that is said, and refused only below 2.10.
 */
export async function waitForNats(natsUrl: string, { gaveUp, remedy }: { gaveUp: () => string | undefined; remedy: string }): Promise<void> {
  const { host, port } = endpointOf(natsUrl, 4222);
  const answered = await waitUntil(() => tcpAnswers(host, port), { timeoutMs: 15_000, gaveUp });
  if (!answered.ok) fail(part, `nothing answers at ${host}:${port}: ${answered.reason}`, remedy);
  const info = await serverInfo(host, port);
  if (info && info.jetstream !== true && info.tls_required !== true) {
    fail(part, `the server at ${host}:${port} runs without JetStream`, 'restart nats-server with -js (and a -sd storage directory)');
  }
  const [major = 0, minor = 0] = (info?.version ?? '').split('.').map(Number);
  if (info?.version && (major < 2 || (major === 2 && minor < 10))) {
    fail(part, `the server at ${host}:${port} runs ${info.version}; event consumers filter several subjects, which needs NATS ≥ 2.10`, `upgrade it, or unset NATS_URL to use the project's nats-server ${natsServer.version}`);
  }
  if (info?.version && info.version !== natsServer.version) {
    warn(part, `the server at ${host}:${port} runs ${info.version}; the project develops, tests and deploys ${natsServer.version}`);
  }
  say(part, `answering at ${host}:${port}${info?.version ? ` (v${info.version}${info.jetstream ? ', JetStream on' : ''})` : ''}`);
}

interface ServerInfo {
  version?: string;
  jetstream?: boolean;
  tls_required?: boolean;
}

/** The INFO line a NATS server greets every client with; undefined if it cannot be read. */
function serverInfo(host: string, port: number): Promise<ServerInfo | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = '';
    const done = (info: ServerInfo | undefined) => {
      socket.destroy();
      resolve(info);
    };
    socket.setTimeout(2000, () => done(undefined));
    socket.once('error', () => done(undefined));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString();
      const end = received.indexOf('\r\n');
      if (end === -1) return;
      try {
        done(received.startsWith('INFO ') ? (JSON.parse(received.slice(5, end)) as ServerInfo) : undefined);
      } catch {
        done(undefined);
      }
    });
  });
}
