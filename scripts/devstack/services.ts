import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';
import { fail } from './steps.js';
import type { ProcessSpec } from './supervisor.js';

/**
 * Every process of the app that `npm start` runs, built by `turbo run build`. A new service is
 * one line here: it gets PORT, and every process gets `<NAME>_URL` to reach it.
 */
export interface AppProcess {
  name: string;
  /** The built entry point, relative to the repo root. */
  entry: string;
  /** HTTP services: the port they listen on; start waits for their /healthz. */
  port?: number;
  /** Where the service serves its API docs. */
  docs?: string;
  /** Exits 0 once its job is done (schedule registration) and is not restarted. */
  oneShot?: boolean;
}

export const appProcesses: AppProcess[] = [
  { name: 'identity', entry: 'services/identity/dist/index.js', port: 4020, docs: '/docs' },
  { name: 'support', entry: 'services/support/dist/index.js', port: 4010, docs: '/docs' },
  { name: 'projects', entry: 'services/projects/dist/index.js', port: 4030, docs: '/docs' },
  { name: 'payouts', entry: 'services/payouts/dist/index.js', port: 4050, docs: '/docs' },
  { name: 'billing', entry: 'services/billing/dist/index.js', port: 4040, docs: '/docs' },
  { name: 'marketplace', entry: 'services/marketplace/dist/index.js', port: 4060, docs: '/docs' },
  { name: 'vault', entry: 'services/vault/dist/index.js', port: 4070, docs: '/docs' },
  { name: 'sales', entry: 'services/sales/dist/index.js', port: 4080, docs: '/docs' },
  // The Temporal UI decrypts payloads through this endpoint, for ops only.
  { name: 'codec', entry: 'workflows/dist/codec/codec-server-main.js', port: 8089 },
  { name: 'worker', entry: 'workflows/dist/worker.js' },
  { name: 'bridge', entry: 'workflows/dist/bridge.js' },
  { name: 'schedules', entry: 'workflows/dist/schedules.js', oneShot: true },
];

export const httpServices = appProcesses.filter((p): p is AppProcess & { port: number } => p.port !== undefined);

export function serviceUrl(service: { port: number }, portShift = 0): string {
  return `http://127.0.0.1:${service.port + portShift}`;
}

/**
 * SUPPORT_URL=http://127.0.0.1:4010 and so on: how the worker's activities reach the services;
 * and the identity service's JWKS, which every service verifies access tokens against.
 * `portShift` moves every port (the benchmarks run a copy of the app beside `npm start`).
 */
export function serviceUrlVariables(portShift = 0): Record<string, string> {
  const urls = Object.fromEntries(httpServices.map((s) => [`${s.name.toUpperCase().replace(/-/g, '_')}_URL`, serviceUrl(s, portShift)]));
  return { ...urls, IDENTITY_JWKS_URL: `${urls['IDENTITY_URL']}/.well-known/jwks.json` };
}

export const codecEndpoint = serviceUrl(httpServices.find((s) => s.name === 'codec')!);

/** Where a copy of the app runs: every port moved by `portShift`, output to `<logDir>/<name>.log`. */
export interface AppPlacement {
  portShift?: number;
  logDir?: string;
}

export function appProcessSpecs(env: Record<string, string>, { portShift = 0, logDir }: AppPlacement = {}): ProcessSpec[] {
  return appProcesses.map((app) => {
    const port = app.port === undefined ? undefined : app.port + portShift;
    const entry = path.join(repoRoot, app.entry);
    if (!existsSync(entry)) {
      fail(app.name, `${app.entry} does not exist after the build`, `check that its workspace builds it, or correct its entry in scripts/devstack/services.ts`);
    }
    return {
      name: app.name,
      argv: [process.execPath, entry],
      env: { ...env, ...(port === undefined ? {} : { PORT: String(port) }) },
      ...(port === undefined ? {} : { ports: [port] }),
      ...(app.oneShot ? { oneShot: true } : {}),
      ...(logDir ? { logFile: path.join(logDir, `${app.name}.log`) } : {}),
    };
  });
}
