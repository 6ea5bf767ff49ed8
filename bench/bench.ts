import path from 'node:path';
import { buildAll } from '../scripts/devstack/build.js';
import { repoRoot } from '../scripts/devstack/paths.js';
import { portPlans } from '../scripts/devstack/ports.js';
import { onStopSignal } from '../scripts/devstack/signals.js';
import { reportFailure, say } from '../scripts/devstack/steps.js';
import { Report } from './report.js';
import { scale, settings } from './settings.js';
import { type BenchStack, startBenchStack } from './stack.js';
import { billingRuns } from './suites/billing-run.js';
import { bursts } from './suites/bursts.js';
import { httpEdge } from './suites/http-edge.js';
import { orchestration } from './suites/orchestration.js';
import { timeAtScale } from './suites/scale.js';
import { startTemporalOnPostgres } from './temporal-postgres.js';

// `npm run bench`: a copy of the app beside `npm start`, loaded on loopback only, every figure
// against a baseline measured in the same run; a table here and bench/results/<date>.json.
const report = new Report();
const stoppers: (() => Promise<void>)[] = [];
const stopAll = async () => {
  for (const stop of stoppers.reverse()) await stop().catch(() => undefined);
};
onStopSignal(async () => {
  await stopAll();
  process.exit(130);
}, () => process.exit(130));

/** Rate limits high and a pool sized for the run, through configuration as a deployment would. */
const appEnv = (temporal: string): Record<string, string> => ({
  QUERY_SUBMISSIONS_PER_HOUR_PER_ACCOUNT: '1000000',
  QUERY_SUBMISSIONS_PER_HOUR_PER_IP: '1000000',
  // The first-reply clock of the scale suite: every workflow is open before the first one fires. A
  // resolved query's process ends when its reopen window does (7 days in production): a second here,
  // so the orchestration suite sees the whole process through to its close.
  SUPPORT_POLICY: JSON.stringify({ firstReply: `${settings.scaleDeadlineSeconds}s`, preBreachWarning: '1s', reopenWithin: '1s' }),
  BENCH_TEMPORAL: temporal,
  // The scale suite holds 10,000 workflows open: the worker's memory is bounded by its cache.
  WORKER_MAX_CACHED_WORKFLOWS: String(settings.workerCache),
  // BENCH_PROFILE=1: every app process writes a CPU profile when it stops (bench/profile-top.ts reads one).
  ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.join(repoRoot, '.data', 'bench-profiles')}` } : {}),
});

async function withStack(temporal: 'dev' | 'postgres', work: (stack: BenchStack) => Promise<void>) {
  let temporalAddress: string | undefined;
  if (temporal === 'postgres') {
    const server = await startTemporalOnPostgres('bench');
    stoppers.push(() => server.stop());
    temporalAddress = server.address;
  }
  const stack = await startBenchStack({
    name: 'bench',
    ports: portPlans.bench,
    portShift: 100,
    temporalAddress,
    appEnv: appEnv(temporal),
    onUnexpectedExit: (name, code) => console.error(`✗ ${name} exited with ${code} during the benchmark (its log is in .data/bench-logs/)`),
  });
  stoppers.push(() => stack.stop());
  try {
    await work(stack);
  } finally {
    await stopAll();
    stoppers.length = 0;
  }
}

let failed = false;
try {
  say('bench', `suites ${settings.suites.join(', ')} · Temporal ${settings.temporal.join(', ')} · BENCH_SCALE=${scale} · ${settings.connections} connections × ${settings.seconds} s per HTTP figure`);
  await buildAll();
  const wants = (suite: string) => settings.suites.includes(suite);
  for (const [index, temporal] of (settings.temporal as ('dev' | 'postgres')[]).entries()) {
    const first = index === 0;
    if (!first && !wants('orchestration') && !wants('scale') && !wants('billing')) break;
    await withStack(temporal, async (stack) => {
      if (first && wants('http')) await httpEdge(stack, report);
      if (first && wants('bursts')) await bursts(stack, report);
      if (wants('orchestration')) await orchestration(stack, report, temporal);
      if (wants('scale')) await timeAtScale(stack, report, temporal);
      if (wants('billing')) await billingRuns(stack, report, temporal);
    });
  }
} catch (error) {
  failed = true;
  reportFailure(error);
  await stopAll();
}
report.print();
const file = await report.write(path.join(repoRoot, 'bench', 'results'), { scale, ...settings });
console.log(`\nwritten to ${path.relative(repoRoot, file)}`);
process.exit(failed ? 1 : 0);
