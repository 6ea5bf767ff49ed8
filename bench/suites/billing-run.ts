import { Client, Connection } from '@temporalio/client';
import { codecDataConverter } from '../../workflows/src/codec/data-converter.js';
import { loadCodecKeyRing } from '../../workflows/src/codec/keys.js';
import type { BillingCycleInput } from '../../workflows/src/monthly-billing/input.js';
import { billingRunProgressQuery, type BillingRunProgress } from '../../workflows/src/monthly-billing/messages.js';
import { billingPolicySchema } from '../../workflows/src/monthly-billing/policy.js';
import { checkBilledMonth, type Check } from '../billing/checks.js';
import { billingMonth, seedBillingMonth, type BillingMonth } from '../billing/seed.js';
import { withDatabase } from '../database.js';
import { benchOps, tokenFor } from '../people.js';
import { pidListeningOn, pidOf, sampleUsage } from '../processes.js';
import { count, ms, percentile, type Report } from '../report.js';
import { settings } from '../settings.js';
import type { BenchStack } from '../stack.js';
import { say } from '../../scripts/devstack/steps.js';

const drawsPerCustomer = 100;

interface SizeMeasured {
  customers: number;
  draws: number;
  runSeconds: number;
}

/**
 * One monthly billing run per size (1,000 and 10,000 customers, ~100 approved draws each) on the
 * stack's Temporal: the customers and their month are bulk-loaded (not measured), one
 * `billingCycle` bills them, and the run `billing-run-<period>` is timed until it closes. Then
 * the per-customer cost of the largest size against the smallest: ~1.0 when the cost is linear.
 */
export async function billingRuns(stack: BenchStack, report: Report, temporal: string): Promise<void> {
  const suite = `billing (${temporal})`;
  const connection = await Connection.connect({ address: stack.env.TEMPORAL_ADDRESS! });
  const client = new Client({ connection, namespace: stack.env.TEMPORAL_NAMESPACE!, dataConverter: codecDataConverter(loadCodecKeyRing(stack.env)) });
  const policy = billingPolicySchema.parse(settings.billingConcurrency ? { concurrentCustomers: settings.billingConcurrency } : {});
  const failures: string[] = [];
  const measured: SizeMeasured[] = [];
  try {
    for (const [index, customers] of settings.billingCustomers.entries()) {
      const month = billingMonth(index, customers, drawsPerCustomer);
      const size = await billOneMonth(stack, client, report, suite, month, policy);
      failures.push(...size.failures);
      if (size.measured) measured.push(size.measured);
    }
  } finally {
    await connection.close();
  }
  const [smallest, largest] = [measured[0], measured.at(-1)];
  if (smallest && largest && largest !== smallest) {
    const perCustomer = (m: SizeMeasured) => m.runSeconds / m.customers;
    const ratio = perCustomer(largest) / perCustomer(smallest);
    report.add({
      suite,
      what: `per-customer cost, ${count(largest.customers)} vs ${count(smallest.customers)} customers`,
      figure: `${ms(perCustomer(largest) * 1000)} vs ${ms(perCustomer(smallest) * 1000)} a customer · ratio ${ratio.toFixed(2)}`,
      goal: 'linear (~1.0)',
      data: { smallest, largest, ratio },
    });
  }
  if (failures.length > 0) throw new Error(`the billing suite's checks failed: ${failures.join('; ')}`);
}

async function billOneMonth(stack: BenchStack, client: Client, report: Report, suite: string, month: BillingMonth, policy: BillingCycleInput['policy']) {
  const failures: string[] = [];
  say('bench', `billing: seeding ${count(month.customers)} customers × ${month.drawsPerCustomer} draws for ${month.period}`);
  const seedStarted = Date.now();
  const seeded = await withDatabase(stack.databaseUrl, (db) => seedBillingMonth(db, month));
  say('bench', `billing: seeded ${count(seeded.customers)} customers, ${count(seeded.draws)} draws (${count(seeded.payAsYouGo)} owe an overage) in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s; billing ${month.period}, ${policy.concurrentCustomers} customers at a time`);

  const worker = sampleUsage(await pidOf('workflows/dist/worker.js', stack.env.EVENT_NAMESPACE!));
  const billing = sampleUsage(await pidOf('services/billing/dist/index.js', stack.env.EVENT_NAMESPACE!));
  const server = sampleUsage(await pidListeningOn(Number(stack.env.TEMPORAL_ADDRESS!.split(':')[1])));
  const started = Date.now();
  const input: BillingCycleInput = { cadence: 'monthly', policy, endedBy: month.periodEnd.toISOString() };
  const cycleId = `bench-billing-cycle-${month.period}`;
  await client.workflow.start('billingCycle', { taskQueue: stack.env.TEMPORAL_TASK_QUEUE!, workflowId: cycleId, args: [input] });
  const run = await waitForRun(client, cycleId, `billing-run-${month.period}`, started + settings.billingDeadlineMinutes * 60_000);
  const runSeconds = (Date.now() - started) / 1000;
  const usage = { worker: worker.stop(), billing: billing.stop(), server: server.stop() };

  const what = `${count(month.customers)} customers, ${count(seeded.draws)} approved draws`;
  if (!run.progress) {
    failures.push(`${what}: the run did not complete (${run.status})`);
    const progress = run.lastProgress ? ` · ${count(run.lastProgress.done)} of ${count(run.lastProgress.total)} customers billed` : '';
    report.add({ suite, what, figure: `run ${run.status} after ${runSeconds.toFixed(0)} s${progress} · run history ${count(run.history?.events ?? 0)} events, ${mib(run.history?.bytes)}`, goal: 'every customer billed', met: false, data: { seeded, runSeconds, status: run.status, lastProgress: run.lastProgress, history: run.history, usage } });
    return { failures, measured: undefined };
  }
  const durations = await customerDurations(client, stack.databaseUrl, month.period);
  report.add({
    suite,
    what,
    figure: `${runSeconds.toFixed(0)} s · ${(month.customers / runSeconds).toFixed(1)} customers/s · ${count(seeded.draws / runSeconds)} draws/s · ${count(run.progress.invoiced)} invoiced, ${count(run.progress.nothingOwed)} nothing owed · a customer: start → billed p50 ${ms(percentile(durations, 50))} p99 ${ms(percentile(durations, 99))} · run history ${count(run.history?.events ?? 0)} events, ${mib(run.history?.bytes)}`,
    data: { seeded, runSeconds, progress: run.progress, history: run.history, p50: percentile(durations, 50), p99: percentile(durations, 99), concurrentCustomers: policy.concurrentCustomers },
  });
  report.add({
    suite,
    what: `${count(month.customers)} customers: worker · billing · Temporal server RSS / CPU`,
    figure: [usage.worker, usage.billing, usage.server].map((u) => `${u.maxRssMiB.toFixed(0)} MiB, ${(u.cpuShare * 100).toFixed(0)} %`).join(' · '),
    data: usage,
  });

  const checks: Check[] = await withDatabase(stack.databaseUrl, async (db) => checkBilledMonth(db, { url: stack.url('billing'), opsToken: await tokenFor(stack.env.JWT_SECRET!, benchOps) }, month.period, seeded));
  const ranClean = run.progress.done === month.customers && run.progress.failed.length === 0 && run.progress.invoiced === seeded.payAsYouGo;
  checks.unshift({ what: 'the run billed every customer, none failed', ok: ranClean, found: `${run.progress.done} done, ${run.progress.invoiced} invoiced, ${run.progress.failed.length} failed` });
  for (const check of checks) {
    report.add({ suite, what: `${count(month.customers)} customers: ${check.what}`, figure: check.ok ? 'yes' : `no: ${check.found}`, met: check.ok });
    if (!check.ok) failures.push(`${what}: ${check.what} (${check.found})`);
  }
  return { failures, measured: { customers: month.customers, draws: seeded.draws, runSeconds } };
}

interface RunOutcome {
  status: string;
  progress?: BillingRunProgress | undefined;
  lastProgress?: BillingRunProgress | undefined;
  /** The run's history: every child start holds the child's input. */
  history?: { events: number; bytes: number | undefined } | undefined;
}

/** Polls the run until it closes; its progress (the query) is shown meanwhile. */
async function waitForRun(client: Client, cycleId: string, runId: string, deadline: number): Promise<RunOutcome> {
  const handle = client.workflow.getHandle(runId);
  let lastProgress: BillingRunProgress | undefined;
  let lastShown = 0;
  while (Date.now() < deadline) {
    const described = await handle.describe().catch(() => undefined);
    const status = described?.status.name ?? 'NOT_STARTED';
    const history = described && { events: described.historyLength, bytes: described.historySize };
    if (status === 'COMPLETED') return { status, progress: (await handle.result()) as BillingRunProgress, history };
    if (status !== 'RUNNING' && status !== 'NOT_STARTED') return { status, lastProgress, history };
    if (status === 'NOT_STARTED') {
      const cycle = (await client.workflow.getHandle(cycleId).describe()).status.name;
      if (cycle !== 'RUNNING' && cycle !== 'COMPLETED') return { status: `not started: billingCycle ${cycle}` };
    }
    if (status === 'RUNNING' && Date.now() - lastShown > 30_000) {
      lastProgress = await handle.query(billingRunProgressQuery).catch(() => lastProgress);
      if (lastProgress) say('bench', `billing: ${runId} ${count(lastProgress.done)} of ${count(lastProgress.total)} customers billed; history ${count(history?.events ?? 0)} events, ${mib(history?.bytes)}`);
      lastShown = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const described = await handle.describe().catch(() => undefined);
  return { status: 'still running at the deadline (BENCH_BILLING_DEADLINE_MINUTES)', lastProgress, history: described && { events: described.historyLength, bytes: described.historySize } };
}

const mib = (bytes: number | undefined) => (bytes === undefined ? '? MiB' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

/**
 * A customer's billing, from its workflow's start (Temporal's visibility) to its statement mailed
 * (the last step before it tells the run; an invoiced customer's process then waits for the payment).
 */
async function customerDurations(client: Client, databaseUrl: string, period: string): Promise<number[]> {
  const startedAt = new Map<string, number>();
  for await (const execution of client.workflow.list({ query: `WorkflowType = 'customerBilling'` })) {
    if (execution.workflowId.endsWith(`-${period}`)) startedAt.set(execution.workflowId, execution.startTime.getTime());
  }
  const mailed = await withDatabase(databaseUrl, async (db) =>
    (await db.query<{ customer_id: string; mailed_at: Date }>(`SELECT customer_id, mailed_at FROM billing.statement WHERE period = $1 AND mailed_at IS NOT NULL`, [period])).rows,
  );
  return mailed.flatMap((row) => {
    const start = startedAt.get(`billing-${row.customer_id}-${period}`);
    return start === undefined ? [] : [row.mailed_at.getTime() - start];
  });
}
