import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

// What the A/B scripts share: where the repository is, how a measured process is started and
// stopped, and one autocannon figure (AB_SECONDS × AB_CONNECTIONS, 5 × 10 by default).

export const root = path.resolve(import.meta.dirname, '../..');
export const jwtSecret = 'ab-bench-secret-of-at-least-32-characters';
const seconds = Number(process.env.AB_SECONDS ?? 5);
const connections = Number(process.env.AB_CONNECTIONS ?? 10);

/** A child on this Node; ready when it says so over IPC (a server listening), else after 1.5 s. */
export function start(argv: string[], opts: { readyWhenListening: boolean; barePort: number; cwd?: string; env?: Record<string, string> }): Promise<ChildProcess> {
  const env = { ...process.env, PORT: String(opts.barePort), AB_LOG_DIR: path.join(root, '.data'), ...opts.env };
  const child = spawn(process.execPath, argv, { cwd: opts.cwd ?? root, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited with ${code}`)));
    if (opts.readyWhenListening) child.once('message', () => resolve(child));
    else setTimeout(() => resolve(child), 1500);
  });
}

/** Stops bare Express and every support started, waiting for each support to exit. */
export async function stopAll(bare: ChildProcess, supports: ChildProcess[]): Promise<void> {
  bare.kill('SIGTERM');
  for (const support of supports) {
    support.kill('SIGTERM');
    await new Promise((resolve) => support.once('exit', resolve));
  }
}

export interface Figure {
  rps: number;
  requests: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
}

/** One autocannon run; `setupRequest` gives each request its own headers or body. */
export async function measure(url: string, init: Pick<autocannon.Options, 'method' | 'headers' | 'requests'> = {}, overallRate?: number): Promise<Figure> {
  const result = await autocannon({ url, connections, duration: seconds, ...init, ...(overallRate ? { overallRate } : {}) });
  const statuses: Record<string, number> = {};
  for (const [code, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count;
  return { rps: result.requests.average, requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, statuses, errors: result.errors + result.timeouts };
}

export const show = (f: Figure) => `${f.rps.toFixed(0)} req/s · p50 ${f.p50} ms · p99 ${f.p99} ms · ${JSON.stringify(f.statuses)}${f.errors ? ` · ${f.errors} errors` : ''}`;
