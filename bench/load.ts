import autocannon from 'autocannon';
import { isLoopback } from '../scripts/devstack/probes.js';
import { settings } from './settings.js';

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  /** A body per request (a fresh idempotency key or subject each time). */
  body?: () => string;
  /** Headers per request, added to `headers`. */
  perRequestHeaders?: () => Record<string, string>;
}

export interface LoadFigure {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers by status code; a benchmark that got errors says so instead of reporting speed. */
  statuses: Record<string, number>;
  errors: number;
}

/**
 * Load on one route from this process: `settings.connections` connections for `settings.seconds`,
 * or at a fixed overall rate. Loopback only: the harness never sends load anywhere else.
 */
export async function load(target: LoadTarget, opts: { ratePerSecond?: number } = {}): Promise<LoadFigure> {
  const { hostname } = new URL(target.url);
  if (!isLoopback(hostname)) throw new Error(`refusing to send load to ${hostname}: the benchmarks run on loopback only`);
  const headers = { 'content-type': 'application/json', ...target.headers };
  const result = await autocannon({
    url: target.url,
    method: target.method ?? 'GET',
    connections: settings.connections,
    duration: settings.seconds,
    headers,
    ...(opts.ratePerSecond ? { overallRate: Math.max(1, Math.round(opts.ratePerSecond)) } : {}),
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          headers: { ...headers, ...target.perRequestHeaders?.() },
          ...(target.body ? { body: target.body() } : {}),
        }),
      },
    ],
  });
  const statuses: Record<string, number> = {};
  for (const [code, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = count;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    statuses,
    errors: result.errors + result.timeouts,
  };
}
