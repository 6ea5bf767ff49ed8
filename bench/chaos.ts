import path from 'node:path';
import { repoRoot } from '../scripts/devstack/paths.js';
import { portPlans } from '../scripts/devstack/ports.js';
import { onStopSignal } from '../scripts/devstack/signals.js';
import { reportFailure, say } from '../scripts/devstack/steps.js';
import { checkInvariants } from './chaos/invariants.js';
import { faultsOn, until } from './chaos/processes.js';
import { watchReadiness } from './chaos/readiness.js';
import { queriesInFlight, type Trouble } from './chaos/traffic.js';
import { withDatabase } from './database.js';
import { benchExpert, benchOps, call, newCustomer, tokenFor } from './people.js';
import { Report } from './report.js';
import { buildAll } from '../scripts/devstack/build.js';
import { type BenchStack, startBenchStack } from './stack.js';
import { temporalClient } from './temporal-client.js';

// `npm run chaos`: with queries in flight, parts of a copy of the stack die (SIGKILL) and come
// back; afterwards nothing may be lost, doubled or left red. Local only, bounded by its counts.
const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, not "${process.env[name]}"`);
  return value;
};
const queries = positive('CHAOS_QUERIES', 200);
// Long enough that every fault happens before the first unanswered query breaches.
const firstReplySeconds = positive('CHAOS_FIRST_REPLY_SECONDS', 60);
const copy = { name: 'chaos', portShift: 200, natsPort: portPlans.chaos.nats };
const expectedExits = new Set<string>();
const unexpected: string[] = [];

let stack: BenchStack | undefined;
onStopSignal(async () => {
  await stack?.stop();
  process.exit(130);
}, () => process.exit(130));

const report = new Report();
let failed = false;
try {
  say('chaos', `${queries} queries in flight (CHAOS_QUERIES) · first-reply clock ${firstReplySeconds} s (CHAOS_FIRST_REPLY_SECONDS)`);
  await buildAll();
  stack = await startBenchStack({
    ...copy,
    ports: portPlans.chaos,
    appEnv: {
      QUERY_SUBMISSIONS_PER_HOUR_PER_ACCOUNT: '1000000',
      QUERY_SUBMISSIONS_PER_HOUR_PER_IP: '1000000',
      SUPPORT_POLICY: JSON.stringify({ firstReply: `${firstReplySeconds}s` }),
    },
    onUnexpectedExit: (name, code) => {
      if (expectedExits.delete(name)) return;
      unexpected.push(`${name} exited with ${code}`);
      console.error(`✗ ${name} exited with ${code} without being killed (its log is in .data/chaos-logs/)`);
    },
  });
  await run(stack);
} catch (error) {
  failed = true;
  reportFailure(error);
}
await stack?.stop();
report.print();
const file = await report.write(path.join(repoRoot, 'bench', 'results', 'chaos'), { queries, firstReplySeconds });
console.log(`\nwritten to ${path.relative(repoRoot, file)}`);
process.exit(failed || report.rows.some((r) => r.met === false) ? 1 : 0);

async function run(stack: BenchStack): Promise<void> {
  const support = stack.url('support');
  const secret = stack.env.JWT_SECRET!;
  const customers = Array.from({ length: 4 }, newCustomer);
  const opsToken = await tokenFor(secret, benchOps);
  for (const customer of customers) {
    const assigned = await call(`${support}/customers/${customer.customerId}/expert-assignment`, opsToken, 'PUT', { expertId: 'chaos-alice' });
    if (assigned.status !== 200) throw new Error(`expert assignment answered ${assigned.status}`);
  }
  const trouble: Trouble = { status500: 0, status503: 0, otherFailures: 0 };
  const readiness = watchReadiness(support);
  const faults = faultsOn(stack, copy);
  let accepted = 0;
  const traffic = queriesInFlight({
    supportUrl: support,
    count: queries,
    concurrency: 20,
    customerTokens: await Promise.all(customers.map((c) => tokenFor(secret, c))),
    expertToken: await tokenFor(secret, benchExpert('chaos-alice')),
    tag: new Date().toISOString().slice(11, 19),
    trouble,
    onAccepted: (n) => (accepted = n),
  });
  // Each fault lands while queries are still arriving: the next one waits for more accepted.
  const faultAt = (k: number) => until(`${Math.ceil((queries * k) / 6)} queries accepted`, async () => accepted >= Math.ceil((queries * k) / 6), 120_000);
  const fault = async (what: string, watched: 'support' | 'process', act: () => Promise<unknown>) => {
    const started = Date.now();
    await act();
    if (watched === 'support') await readiness.greenSince(Date.now());
    const back = Date.now() - started;
    const seen = readiness.during(started, Date.now());
    const figure = watched === 'support'
      ? `support /readyz ${seen.wentRed ? `red, green again after ${(seen.greenAgainAfterMs! / 1000).toFixed(1)} s` : 'stayed green'} · ${accepted} queries accepted so far`
      : `gone, running again after ${(back / 1000).toFixed(1)} s (its log says so) · ${accepted} queries accepted so far`;
    report.add({ suite: 'chaos', what, figure, met: watched === 'support' ? seen.wentRed && seen.greenAgainAfterMs !== undefined : true });
  };
  const killed = (name: string, marker: string) => async () => {
    expectedExits.add(name);
    await faults.killAndRestart(name, marker);
  };

  await faultAt(1);
  await fault('SIGKILL the worker, restart it', 'process', killed('worker', 'worker running'));
  await faultAt(2);
  await fault('SIGKILL the bridge, restart it', 'process', killed('bridge', 'event consumer running'));
  await faultAt(3);
  await fault('SIGKILL support, restart it', 'support', killed('support', 'listening'));
  await faultAt(4);
  await fault('restart NATS (SIGKILL nats-server, same store)', 'support', async () => {
    expectedExits.add('nats');
    await faults.restartNats();
  });
  await faultAt(5);
  const terminated = await withDatabase(stack.databaseUrl, async (db) =>
    (await db.query(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)).rows[0].n as number,
  );
  report.add({ suite: 'chaos', what: 'drop every PostgreSQL connection of the app (pg_terminate_backend)', figure: `${terminated} connections terminated · ${accepted} queries accepted so far` });

  const { ids, subjects, answered } = await traffic;
  report.add({
    suite: 'chaos',
    what: `${queries} queries submitted, every even one answered at once`,
    figure: `${ids.length} accepted · ${answered.size} answered · while parts were down: ${trouble.status500} × 500, ${trouble.status503} × 503, ${trouble.otherFailures} refused connections — each retried with its Idempotency-Key`,
    goal: '0 × 500',
    met: trouble.status500 === 0,
  });
  await readiness.stop();

  const { client, close } = await temporalClient(stack.env.TEMPORAL_ADDRESS!, stack.env.TEMPORAL_NAMESPACE!);
  try {
    const invariants = await checkInvariants({
      databaseUrl: stack.databaseUrl,
      temporal: client,
      mailApiUrl: `http://127.0.0.1:${portPlans.chaos.mailWeb}`,
      ids,
      subjects,
      answered,
      settleMs: (firstReplySeconds + 120) * 1000,
    });
    for (const invariant of invariants) report.add({ suite: 'chaos', what: invariant.what, figure: invariant.figure, met: invariant.held });
  } finally {
    await close();
  }
  report.add({ suite: 'chaos', what: 'no process died unasked', figure: unexpected.length ? unexpected.join('; ') : 'none', met: unexpected.length === 0 });
}
