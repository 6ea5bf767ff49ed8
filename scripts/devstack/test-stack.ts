import path from 'node:path';
import { dataDir } from './paths.js';
import { portPlans } from './ports.js';
import { defaultDatabaseUrl, withDatabase } from './postgres.js';
import { type Profile, type Stack, provisionInfra } from './stack.js';
import type { Supervisor } from './supervisor.js';

/** The servers `npm test` and `npm run test:servers` start: ports of their own, nothing kept between runs. */
export function provisionTestInfra(secrets: Record<string, string>, supervisor: Supervisor): Promise<Stack> {
  const profile: Profile = {
    ports: portPlans.test,
    temporalDb: undefined,
    natsStore: { dir: path.join(dataDir, 'test-nats'), fresh: true },
    mailDir: undefined,
    logDir: path.join(dataDir, 'test-logs'),
    database: 'guild_test',
    eventNamespace: process.env.EVENT_NAMESPACE || 'test',
    secrets,
    needsMailApi: true,
  };
  return provisionInfra(profile, supervisor);
}

/** What every test gets: the stack's variables, the mail sink's API, and where to clone databases. */
export function testEnvOf(stack: Stack | undefined, secrets: Record<string, string>): Record<string, string> {
  const serverUrl = process.env.DATABASE_URL || defaultDatabaseUrl;
  return {
    ...(stack?.env ?? secrets),
    ...(stack?.mailApiUrl ? { MAIL_API_URL: stack.mailApiUrl } : {}),
    // Tests that need a database of their own clone it on this server (packages/db/testing).
    TEST_DATABASE_SERVER_URL: withDatabase(serverUrl, 'postgres'),
    CI: process.env.CI || 'true',
  };
}
