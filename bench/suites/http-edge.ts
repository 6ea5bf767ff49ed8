import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { httpAnswers, waitUntil } from '../../scripts/devstack/probes.js';
import { load, type LoadFigure, type LoadTarget } from '../load.js';
import { bearer, benchExpert, benchOps, call, newCustomer, tokenFor } from '../people.js';
import { count, ms, type Report } from '../report.js';
import type { BenchStack } from '../stack.js';

const bareExpressPort = 4199;
const halfRateP99GoalMs = 50;

interface EdgeRoute {
  service: string;
  what: string;
  /** reads ≥ 30 % of bare Express, creates (transaction + outbox) ≥ 15 %. */
  kind: 'read' | 'create' | 'probe';
  target: (stack: BenchStack) => Promise<LoadTarget>;
}

const goalOf = { read: 0.3, create: 0.15, probe: undefined } as const;

/**
 * The busiest route of each service against bare Express, each at full speed, then at half that
 * rate for its p99. A service that is not part of the stack yet is reported as such.
 */
const routes: EdgeRoute[] = [
  { service: 'support', what: 'support GET /healthz', kind: 'probe', target: async (s) => ({ url: `${s.url('support')}/healthz` }) },
  {
    service: 'support',
    what: 'support GET /queries/:id as the customer',
    kind: 'read',
    target: async (s) => {
      const { id, token } = await seededQuery(s);
      return { url: `${s.url('support')}/queries/${id}`, headers: bearer(token) };
    },
  },
  {
    service: 'support',
    what: 'support GET /queries/:id as ops (audited)',
    kind: 'read',
    target: async (s) => {
      const { id } = await seededQuery(s);
      return { url: `${s.url('support')}/queries/${id}`, headers: bearer(await tokenFor(s.env.JWT_SECRET!, benchOps)) };
    },
  },
  {
    service: 'support',
    what: 'support POST /queries (Idempotency-Key)',
    kind: 'create',
    target: async (s) => {
      const token = await tokenFor(s.env.JWT_SECRET!, newCustomer());
      return {
        url: `${s.url('support')}/queries`,
        method: 'POST',
        headers: bearer(token),
        perRequestHeaders: () => ({ 'idempotency-key': randomUUID() }),
        body: () => JSON.stringify({ subject: 'Export fails', body: 'The nightly export stops at 80 %.' }),
      };
    },
  },
  {
    service: 'identity',
    what: 'identity GET /.well-known/jwks.json',
    kind: 'read',
    target: async (s) => ({ url: `${s.url('identity')}/.well-known/jwks.json` }),
  },
  {
    service: 'projects',
    what: 'projects GET /projects as the customer',
    kind: 'read',
    target: async (s) => ({ url: `${s.url('projects')}/projects`, headers: bearer(await tokenFor(s.env.JWT_SECRET!, newCustomer())) }),
  },
  {
    service: 'billing',
    what: 'billing GET /customers/:id/balance as the customer',
    kind: 'read',
    target: async (s) => {
      const customer = newCustomer();
      return { url: `${s.url('billing')}/customers/${customer.customerId}/balance`, headers: bearer(await tokenFor(s.env.JWT_SECRET!, customer)) };
    },
  },
  {
    service: 'payouts',
    what: 'payouts GET /experts/:id/balance as the expert',
    kind: 'read',
    target: async (s) => ({ url: `${s.url('payouts')}/experts/alice/balance`, headers: bearer(await tokenFor(s.env.JWT_SECRET!, benchExpert('alice'))) }),
  },
];

/** One query of a customer of its own, to read again and again. */
async function seededQuery(stack: BenchStack) {
  const customer = newCustomer();
  const token = await tokenFor(stack.env.JWT_SECRET!, customer);
  const res = await call(`${stack.url('support')}/queries`, token, 'POST', { subject: 'Export fails', body: 'The nightly export stops at 80 %.' });
  if (res.status !== 201) throw new Error(`seeding a query answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, token };
}

const describe = (f: LoadFigure) => `${count(f.requestsPerSecond)} req/s · p99 ${ms(f.p99Ms)}`;
const failures = (f: LoadFigure) => {
  const bad = Object.entries(f.statuses).filter(([code]) => !code.startsWith('2'));
  return bad.length || f.errors ? ` · NOT all 2xx: ${bad.map(([c, n]) => `${n}×${c}`).join(', ')}${f.errors ? ` ${f.errors} errors` : ''}` : '';
};

export async function httpEdge(stack: BenchStack, report: Report): Promise<void> {
  stack.supervisor.start([
    {
      name: 'bare-express',
      argv: [process.execPath, '--import', 'tsx', 'bench/bare-express.ts'],
      env: { PORT: String(bareExpressPort) },
      logFile: path.join(stack.logDir, 'bare-express.log'),
      ports: [bareExpressPort],
    },
  ]);
  const bareUrl = `http://127.0.0.1:${bareExpressPort}/`;
  if (!(await waitUntil(() => httpAnswers(bareUrl), { timeoutMs: 30_000 })).ok) throw new Error('bare Express did not start');
  const bare = await load({ url: bareUrl });
  report.add({ suite: 'http', what: 'bare Express 5 res.json (baseline)', figure: describe(bare), ratio: 1, data: { ...bare } });

  for (const route of routes) {
    if (!(route.service in stack.urls)) {
      report.add({ suite: 'http', what: route.what, figure: `not measured: ${route.service} is not in scripts/devstack/services.ts yet` });
      continue;
    }
    const target = await route.target(stack);
    const full = await load(target);
    const half = await load(target, { ratePerSecond: full.requestsPerSecond / 2 });
    const ratio = full.requestsPerSecond / bare.requestsPerSecond;
    const goal = goalOf[route.kind];
    const allAnswered = !failures(full) && !failures(half);
    report.add({
      suite: 'http',
      what: route.what,
      figure: `${describe(full)} · at half rate p99 ${ms(half.p99Ms)}${failures(full)}${failures(half)}`,
      ratio,
      goal: goal === undefined ? undefined : `≥ ${goal * 100} %, p99 < ${halfRateP99GoalMs} ms at half rate`,
      met: goal === undefined ? undefined : allAnswered && ratio >= goal && half.p99Ms < halfRateP99GoalMs,
      data: { full, half },
    });
  }
}
