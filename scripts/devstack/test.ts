import { buildAll, turboEnv } from './build.js';
import { validateCompose } from './compose.js';
import { stillListening } from './ports.js';
import { applyMigrations } from './postgres.js';
import { run } from './run.js';
import { randomSecrets } from './secrets.js';
import { onStopSignal, stopRequested } from './signals.js';
import type { Stack } from './stack.js';
import { provisionTestInfra, testEnvOf } from './test-stack.js';
import { PhaseClock, fail, reportFailure, say } from './steps.js';
import { Supervisor } from './supervisor.js';
import { clearReports, summarizeReports, testedWorkspaces, vitestReportArgs } from './test-report.js';

// `npm test` (and CI): the same build and servers as `npm start`, on ports of their own so both can
// run at once; then lint, the compose check, typecheck and every workspace's tests, in that order.
const clock = new PhaseClock();
const supervisor = new Supervisor((spec, exitCode) => {
  if (!supervisor.isStopping) console.error(`✗ ${spec.name}: exited with ${exitCode} during the test run (log: .data/test-logs/${spec.name}.log)`);
});
const failed: string[] = [];

onStopSignal(
  async () => {
    await supervisor.stop();
    process.exit(130);
  },
  () => supervisor.killAll(),
);

/** A check that fails is recorded and the next one still runs: one run reports everything. */
async function check(name: string, work: () => Promise<void>): Promise<boolean> {
  if (stopRequested()) return false;
  try {
    await clock.time(name, work);
    return true;
  } catch (error) {
    if (stopRequested()) return false;
    reportFailure(error);
    failed.push(name);
    return false;
  }
}

async function mustPass(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, remedy: string) {
  const status = await run(command, args, { env });
  if (status !== 0) fail(name, `${[command, ...args].join(' ')} failed (exit ${status})`, remedy);
}

const workspaces = await testedWorkspaces();
await clearReports(workspaces);
const secrets = randomSecrets();
let stack: Stack | undefined;

// Without a build or servers the tests cannot run, but lint, compose and typecheck still report.
const ready =
  (await check('build', buildAll)) &&
  (await check('servers', async () => {
    stack = await provisionTestInfra(secrets, supervisor);
  })) &&
  (await check('migrations', () => applyMigrations(stack!.env.DATABASE_URL!)));

const testEnv = testEnvOf(stack, secrets);
say('env', `exported to the checks: ${Object.keys(testEnv).join(' ')}`);
const env = turboEnv(testEnv);

// Typed lint of every workspace at once outgrows Node's default heap.
const lintEnv = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() };
await check('lint', () => mustPass('lint', 'eslint', ['.'], lintEnv, 'fix the lint errors above (`npx eslint --fix .` fixes some)'));
await check('compose', () => validateCompose(env, stack ? Object.keys(stack.env) : []));
await check('typecheck', async () => {
  await mustPass('typecheck', 'turbo', ['run', 'typecheck', '--continue', '--output-logs=errors-only'], env, 'fix the type errors above');
  await mustPass('typecheck', 'tsc', ['-p', 'scripts/tsconfig.json'], env, 'fix the type errors above in scripts/devstack');
});
if (ready) {
  // Integration-heavy suites on 2 cores: one workspace at a time.
  await check('test', () =>
    mustPass('test', 'turbo', ['run', 'test', '--concurrency=1', '--continue', '--', ...vitestReportArgs], env, 'fix the failing tests above'),
  );
} else if (!stopRequested()) {
  console.log('✗ test: not run, because the build or the servers failed (see above)');
  failed.push('test');
}

await clock.time('stop servers', () => supervisor.stop());
const left = await stillListening(supervisor.ports());
if (left.length) console.log(`! stop: still listening: ${left.join(', ')}`);
const totals = ready ? await summarizeReports(workspaces) : { passed: 0, failed: 0, brokenFiles: 0 };
if (totals.brokenFiles) console.log(`✗ ${totals.brokenFiles} test file(s) failed before running their tests`);
console.log(`\nphases: ${clock.summary()}`);
console.log(failed.length ? `✗ failed: ${failed.join(', ')}` : '✓ all checks passed');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
process.exit(failed.length ? 1 : 0);
