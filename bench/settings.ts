/**
 * How big and how long a run is, from the environment, so a run on a shared or small machine can
 * be made small (`BENCH_SCALE=0.05`) and a full run is `npm run bench` with nothing set.
 */
const number = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
};

const list = (name: string, fallback: string[]): string[] => {
  const raw = process.env[name];
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : fallback;
};

/** Multiplies every count (bursts, workflows), never a duration. */
export const scale = number('BENCH_SCALE', 1);
export const scaled = (count: number): number => Math.max(1, Math.round(count * scale));

export const settings = {
  /** Seconds of load per HTTP figure. */
  seconds: number('BENCH_SECONDS', 10),
  connections: number('BENCH_CONNECTIONS', 10),
  /** Which suites run: http, bursts, orchestration, scale, billing (not by default: it bills 11,000 customers). */
  suites: list('BENCH_SUITES', ['http', 'bursts', 'orchestration', 'scale']),
  /** Which Temporal servers the orchestration, scale and billing suites run against: dev, postgres. */
  temporal: list('BENCH_TEMPORAL', ['dev', 'postgres']),
  bursts: list('BENCH_BURSTS', ['300', '1000']).map((n) => scaled(Number(n))),
  orchestrationBurst: scaled(200),
  scaleWorkflows: scaled(10_000),
  /** The worker's workflow cache (WORKER_MAX_CACHED_WORKFLOWS) during the run. */
  workerCache: number('WORKER_MAX_CACHED_WORKFLOWS', 500),
  /** The first-reply deadline of the scale suite's workflows: all of them are open before it. */
  scaleDeadlineSeconds: number('BENCH_SCALE_DEADLINE_SECONDS', 0) || Math.max(30, Math.ceil(scaled(10_000) / 60)),
  /** Customers of each billing run (~100 approved draws each); the last size's cost per customer is compared with the first's. */
  billingCustomers: list('BENCH_BILLING_CUSTOMERS', ['1000', '10000']).map((n) => scaled(Number(n))),
  /** The billing policy's concurrentCustomers for the run; unset: the production default. */
  billingConcurrency: number('BENCH_BILLING_CONCURRENCY', 0) || undefined,
  /** How long one billing run may take before it is reported as unfinished. */
  billingDeadlineMinutes: number('BENCH_BILLING_DEADLINE_MINUTES', 30),
} as const;
