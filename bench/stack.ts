import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { startApp } from '../scripts/devstack/app.js';
import { dataDir } from '../scripts/devstack/paths.js';
import type { PortPlan } from '../scripts/devstack/ports.js';
import { applyMigrations, defaultDatabaseUrl, withDatabase } from '../scripts/devstack/postgres.js';
import { persistentSecrets } from '../scripts/devstack/secrets.js';
import { httpServices, serviceUrl, serviceUrlVariables } from '../scripts/devstack/services.js';
import { provisionInfra } from '../scripts/devstack/stack.js';
import { say } from '../scripts/devstack/steps.js';
import { Supervisor } from '../scripts/devstack/supervisor.js';

export interface BenchStackOptions {
  /** bench or chaos: names the database, the log folder and the NATS store. */
  name: string;
  ports: PortPlan;
  /** Added to every app port, so the copy runs beside `npm start` (and `npm test`). */
  portShift: number;
  /** A Temporal server started by the caller (on PostgreSQL); undefined starts the dev server in memory. */
  temporalAddress?: string | undefined;
  /** Extra variables for every app process (rate limits, pool size, policies). */
  appEnv: Record<string, string>;
  /** Lets the caller stop a run when a process dies while it is not expected to. */
  onUnexpectedExit?: (name: string, exitCode: number | string) => void;
}

export type BenchStack = Awaited<ReturnType<typeof startBenchStack>>;

/**
 * The app as `npm start` runs it (provisionInfra, startApp, the supervisor), on ports, a database
 * (emptied first) and a NATS store of its own, with its output in .data/<name>-logs/.
 */
export async function startBenchStack(opts: BenchStackOptions) {
  let expectExits = false;
  const supervisor = new Supervisor((spec, exitCode) => {
    if (!expectExits && !spec.oneShot) opts.onUnexpectedExit?.(spec.name, exitCode);
  });
  const logDir = path.join(dataDir, `${opts.name}-logs`);
  const database = `guild_${opts.name}`;
  const serverUrl = process.env.DATABASE_URL || defaultDatabaseUrl;
  await dropDatabase(serverUrl, database);
  try {
    return await startCopy();
  } catch (error) {
    // What did start stops again: a failed start leaves no server behind.
    expectExits = true;
    await supervisor.stop();
    throw error;
  }

  async function startCopy() {
    const secrets = await persistentSecrets();
    // provisionInfra uses a server named by TEMPORAL_ADDRESS instead of starting one.
    const givenTemporal = process.env.TEMPORAL_ADDRESS;
    if (opts.temporalAddress) process.env.TEMPORAL_ADDRESS = opts.temporalAddress;
    else delete process.env.TEMPORAL_ADDRESS;
    let infra;
    try {
      infra = await provisionInfra(
        {
          ports: opts.ports,
          temporalDb: undefined,
          natsStore: { dir: path.join(dataDir, `${opts.name}-nats`), fresh: true },
          mailDir: undefined,
          logDir,
          database,
          eventNamespace: opts.name,
          secrets,
          needsMailApi: false,
        },
        supervisor,
      );
    } finally {
      if (givenTemporal === undefined) delete process.env.TEMPORAL_ADDRESS;
      else process.env.TEMPORAL_ADDRESS = givenTemporal;
    }
    await applyMigrations(infra.env.DATABASE_URL!);
    const env: Record<string, string> = {
      ...infra.env,
      ...serviceUrlVariables(opts.portShift),
      SUPPORT_SMTP_PORT: String(2525 + opts.portShift),
      SUPPORT_PUBLIC_URL: serviceUrl({ port: 4010 }, opts.portShift),
      // The copy's attachments live as long as its database: a key of this run seals them.
      ...(infra.env.ATTACHMENT_KEYS || infra.env.ATTACHMENT_KEYS_FILE ? {} : { ATTACHMENT_KEYS: `${opts.name}:${randomBytes(32).toString('base64')}` }),
      ...opts.appEnv,
    };
    await startApp(env, supervisor, { portShift: opts.portShift, logDir });
    const urls = Object.fromEntries(httpServices.map((s) => [s.name, serviceUrl(s, opts.portShift)]));
    say(opts.name, `app running on ports shifted by ${opts.portShift}; logs in ${path.relative(process.cwd(), logDir)}/`);
    return {
      env,
      urls,
      logDir,
      supervisor,
      databaseUrl: infra.env.DATABASE_URL!,
      /** The URL of one HTTP service of this copy. */
      url(service: string): string {
        const url = urls[service];
        if (!url) throw new Error(`no service named ${service} in scripts/devstack/services.ts`);
        return url;
      },
      async stop() {
        expectExits = true;
        await supervisor.stop();
      },
    };
  }
}

/** Each run starts from an empty database of its own: figures do not depend on earlier runs. */
async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
