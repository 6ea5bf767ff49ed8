import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAll } from './build.js';
import { dataDir, shown } from './paths.js';
import { portPlans } from './ports.js';
import { applyMigrations, defaultDatabaseUrl, withDatabase } from './postgres.js';
import { randomSecrets } from './secrets.js';
import { onStopSignal } from './signals.js';
import { provisionInfra } from './stack.js';
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
  const serverUrl = process.env.DATABASE_URL || defaultDatabaseUrl;
  const stack = await provisionInfra(
    {
      ports: portPlans.test,
      temporalDb: undefined,
      natsStore: { dir: path.join(dataDir, 'test-nats'), fresh: true },
      mailDir: undefined,
      logDir: path.join(dataDir, 'test-logs'),
      database: 'guild_test',
      eventNamespace: process.env.EVENT_NAMESPACE || 'test',
      secrets: randomSecrets(),
      needsMailApi: true,
    },
    supervisor,
  );
  await applyMigrations(stack.env.DATABASE_URL!);
  const env = {
    ...stack.env,
    ...(stack.mailApiUrl ? { MAIL_API_URL: stack.mailApiUrl } : {}),
    TEST_DATABASE_SERVER_URL: withDatabase(serverUrl, 'postgres'),
    CI: 'true',
  };
  const quoted = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  await writeFile(testEnvFile, Object.entries(env).map(([k, v]) => `export ${k}=${quoted(v)}\n`).join(''), { mode: 0o600 });
  say('test servers', `running; their variables are in ${shown(testEnvFile)} — Ctrl-C stops them`);
} catch (error) {
  reportFailure(error);
  await supervisor.stop();
  process.exit(1);
}
