import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { withDatabase } from '../database.js';
import { writeUntilAnswered, type Trouble } from '../chaos/traffic.js';
import { benchExpert, benchOps, call, newCustomer, tokenFor } from '../people.js';
import { count, ms, percentile, type Report } from '../report.js';
import { settings } from '../settings.js';
import type { BenchStack } from '../stack.js';
import { temporalClient, waitClosed } from '../temporal-client.js';

const closeTimeoutMs = 5 * 60_000;

/**
 * Queries per second through the whole support process (submit → event → workflow → clock
 * announced → reply → resolved) against a bare one-activity workflow on the same server; and
 * submit → clock running for a burst (the reply_clock_started report the workflow sends back).
 */
export async function orchestration(stack: BenchStack, report: Report, temporal: string): Promise<void> {
  const n = settings.orchestrationBurst;
  const address = stack.env.TEMPORAL_ADDRESS!;
  const namespace = stack.env.TEMPORAL_NAMESPACE!;
  const { client, close } = await temporalClient(address, namespace);
  try {
    const baseline = await bareWorkflowsPerSecond(address, namespace, client, n);
    report.add({ suite: `orchestration (${temporal})`, what: `${n} bare one-activity workflows (baseline)`, figure: `${baseline.toFixed(1)} workflows/s`, ratio: 1 });

    const support = stack.url('support');
    const secret = stack.env.JWT_SECRET!;
    const customer = newCustomer();
    const customerToken = await tokenFor(secret, customer);
    const expertToken = await tokenFor(secret, benchExpert('bench-alice'));
    await call(`${support}/customers/${customer.customerId}/expert-assignment`, await tokenFor(secret, benchOps), 'PUT', { expertId: 'bench-alice', backupExpertId: 'bench-bob' });

    const started = Date.now();
    const submitted = await Promise.all(
      Array.from({ length: n }, async () => {
        const res = await call(`${support}/queries`, customerToken, 'POST', { subject: 'Orchestration', body: 'Through the whole process.' }, { 'idempotency-key': randomUUID() });
        if (res.status !== 201) throw new Error(`POST /queries answered ${res.status}: ${JSON.stringify(res.body)}`);
        return res.body.id as string;
      }),
    );
    const acceptedMs = Date.now() - started;
    await waitForClocks(stack.databaseUrl, submitted);
    const clockLatencies = await withDatabase(stack.databaseUrl, async (db) =>
      (
        await db.query(
          `SELECT EXTRACT(EPOCH FROM (e.recorded_at - q.submitted_at)) * 1000 AS ms FROM support.sla_event e JOIN support.query q ON q.id = e.query_id
           WHERE e.kind = 'reply_clock_started' AND q.id = ANY($1::uuid[])`,
          [submitted],
        )
      ).rows.map((r: { ms: string }) => Number(r.ms)),
    );
    // The expert and the customer answer every query at once, as the baseline starts every workflow
    // at once; a shed answer is retried with its key, as a careful client does.
    const trouble: Trouble = { status500: 0, status503: 0, otherFailures: 0 };
    await Promise.all(
      submitted.map(async (id) => {
        const replied = await writeUntilAnswered(`${support}/queries/${id}/replies`, expertToken, { kind: 'answer', answer: 'Fixed.', etaMinutes: 30 }, trouble);
        if (replied.status !== 201) throw new Error(`reply answered ${replied.status}: ${JSON.stringify(replied.body)}`);
        const resolved = await writeUntilAnswered(`${support}/queries/${id}/resolution`, customerToken, undefined, trouble);
        if (resolved.status >= 300) throw new Error(`resolution answered ${resolved.status}: ${JSON.stringify(resolved.body)}`);
      }),
    );
    if (trouble.status500 > 0) throw new Error(`${trouble.status500} replies or resolutions answered 500`);
    const open = await waitClosed(client, submitted.map((id) => `query-${id}`), closeTimeoutMs);
    const perSecond = (n - open) / ((Date.now() - started) / 1000);
    report.add({
      suite: `orchestration (${temporal})`,
      what: `${n} queries through the support process`,
      figure: `${perSecond.toFixed(1)} queries/s${open ? ` · ${open} workflows still open after ${closeTimeoutMs / 60_000} min` : ''}`,
      ratio: perSecond / baseline,
      goal: '≥ 50 %',
      met: open === 0 && perSecond / baseline >= 0.5,
    });
    const p99 = percentile(clockLatencies, 99);
    report.add({
      suite: `orchestration (${temporal})`,
      what: `burst of ${n}: submit → clock running`,
      figure: `accepted in ${ms(acceptedMs)} · p50 ${ms(percentile(clockLatencies, 50))} · p99 ${ms(p99)} · ${count(clockLatencies.length)} clocks`,
      goal: 'p99 < 2 s',
      met: clockLatencies.length === n && p99 < 2000,
      data: { acceptedMs, clocks: clockLatencies.length, p50: percentile(clockLatencies, 50), p99 },
    });
  } finally {
    await close();
  }
}

async function waitForClocks(databaseUrl: string, queryIds: string[]): Promise<void> {
  const deadline = Date.now() + closeTimeoutMs;
  while (Date.now() < deadline) {
    const running = await withDatabase(databaseUrl, async (db) =>
      Number((await db.query(`SELECT count(*) AS n FROM support.sla_event WHERE kind = 'reply_clock_started' AND query_id = ANY($1::uuid[])`, [queryIds])).rows[0].n),
    );
    if (running >= queryIds.length) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function bareWorkflowsPerSecond(address: string, namespace: string, client: Awaited<ReturnType<typeof temporalClient>>['client'], n: number): Promise<number> {
  const connection = await NativeConnection.connect({ address });
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 8)}`;
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL('../baseline/workflows.ts', import.meta.url)),
    activities: { noop: async () => undefined },
  });
  const running = worker.run();
  try {
    const started = Date.now();
    await Promise.all(Array.from({ length: n }, (_, i) => client.workflow.execute('benchNoop', { taskQueue, workflowId: `bench-noop-${taskQueue}-${i}` })));
    return n / ((Date.now() - started) / 1000);
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}
