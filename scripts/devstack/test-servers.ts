import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAll } from './build.js';
import { dataDir, shown } from './paths.js';
import { applyMigrations } from './postgres.js';
import { randomSecrets } from './secrets.js';
import { onStopSignal } from './signals.js';
import { provisionTestInfra, testEnvOf } from './test-stack.js';
import { reportFailure, say, warn } from './steps.js';
import { Supervisor } from './supervisor.js';

// `npm run test:servers`: the servers `npm test` starts, kept running until Ctrl-C, so one suite or
// one file can be run again and again (`npm run test:one -- services/support test/queue.test.ts`).
export const testEnvFile = path.join(dataDir, 'test-env.sh');
const supervisor = new Supervisor(() => undefined);
onStopSignal(
  async () => {
    await supervisor.stop();
    process.exit(0);
  },
  () => supervisor.killAll(),
);

try {
  // A half-built workspace should not keep the servers down: the suites that need it will say so.
  await buildAll().catch((error: unknown) => warn('build', `${error instanceof Error ? error.message : String(error)}; starting the servers anyway`));
  const secrets = randomSecrets();
  const stack = await provisionTestInfra(secrets, supervisor);
  await applyMigrations(stack.env.DATABASE_URL!);
  const env = testEnvOf(stack, secrets);
  const quoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  await writeFile(testEnvFile, Object.entries(env).map(([k, v]) => `export ${k}=${quoted(v)}\n`).join(''), { mode: 0o600 });
  say('test servers', `running; their variables are in ${shown(testEnvFile)} — Ctrl-C stops them`);
} catch (error) {
  reportFailure(error);
  await supervisor.stop();
  process.exit(1);
}
