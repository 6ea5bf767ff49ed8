import { existsSync } from 'node:fs';
import net from 'node:net';
import { endpointOf, isLoopback, tcpAnswers, waitUntil } from './probes.js';
import { run } from './run.js';
import { fail, say } from './steps.js';

export const defaultNatsUrl = 'nats://127.0.0.1:4222';

const natsServer = '/usr/sbin/nats-server';

/**
 * NATS with JetStream answering at NATS_URL. A local server that is installed (Debian package) but
 * stopped is started as a daemon that keeps its streams in /var/lib/nats-server, so events outlive
 * our restarts.
 */
export async function ensureNats(natsUrl: string): Promise<void> {
  const part = 'NATS';
  const { host, port } = endpointOf(natsUrl, 4222);
  if (!(await tcpAnswers(host, port))) {
    if (!isLoopback(host)) fail(part, `nothing answers at ${host}:${port}`, 'start that server, or correct NATS_URL');
    if (!existsSync(natsServer)) {
      fail(part, `nothing answers at ${host}:${port} and no nats-server is installed`, 'install it (Debian: apt-get install nats-server) or set NATS_URL to a running server with JetStream, then run again');
    }
    const args = ['--start', '--oknodo', '--background', '--exec', natsServer, '--', '-a', '127.0.0.1', '-p', String(port), '-js', '-sd', '/var/lib/nats-server', '-l', '/var/log/nats-server.log'];
    say(part, `not answering; starting the installed server: start-stop-daemon ${args.join(' ')}`);
    const status = await run('start-stop-daemon', args);
    const answered = await waitUntil(() => tcpAnswers(host, port), { timeoutMs: 15_000 });
    if (status !== 0 || !answered.ok) {
      fail(part, `nats-server did not come up on ${host}:${port}`, 'run the command above as root and read /var/log/nats-server.log, then run again');
    }
  }
  const info = await serverInfo(host, port);
  if (info && info.jetstream !== true && info.tls_required !== true) {
    fail(part, `the server at ${host}:${port} runs without JetStream`, 'restart nats-server with -js (and a -sd storage directory)');
  }
  say(part, `answering at ${host}:${port}${info?.jetstream ? ' (JetStream on)' : ''}`);
}

/** The INFO line a NATS server greets every client with; undefined if it cannot be read. */
function serverInfo(host: string, port: number): Promise<{ jetstream?: boolean; tls_required?: boolean } | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    let received = '';
    const done = (info: { jetstream?: boolean } | undefined) => {
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
        done(received.startsWith('INFO ') ? (JSON.parse(received.slice(5, end)) as { jetstream?: boolean }) : undefined);
      } catch {
        done(undefined);
      }
    });
  });
}
