import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '../scripts/devstack/paths.js';
import { defaultDatabaseUrl } from '../scripts/devstack/postgres.js';
import { tcpAnswers, waitUntil } from '../scripts/devstack/probes.js';
import { capture, run } from '../scripts/devstack/run.js';
import { fail, say } from '../scripts/devstack/steps.js';
import { Supervisor } from '../scripts/devstack/supervisor.js';
import { temporalDynamicConfig } from '../scripts/devstack/temporal.js';
import { findOrBuild, temporalCli, temporalServer, temporalSqlTool } from '../scripts/devstack/tools.js';

/** Ports of the Temporal server on PostgreSQL: beside the dev servers of npm start, npm test and the bench. */
const ports = { frontend: 7273, http: 7278, history: 7274, matching: 7275, worker: 7279, membership: 6973 } as const;

/**
 * A Temporal server built from Go modules (cached like the CLI), on PostgreSQL for persistence
 * and visibility: the production shape, where `npm start` runs the dev server on SQLite. Its
 * databases are created afresh each run; its configuration is the module's
 * config/development-postgres12.yaml with our database names, user and ports.
 */
export async function startTemporalOnPostgres(name: string) {
  const [server, sqlTool] = [await findOrBuild(temporalServer), await findOrBuild(temporalSqlTool)];
  const moduleDir = await moduleSource();
  const { hostname, port, username } = new URL(process.env.DATABASE_URL || defaultDatabaseUrl);
  const databases = { default: `temporal_${name}`, visibility: `temporal_${name}_visibility` };
  const sql = (database: string, ...args: string[]) =>
    run(sqlTool, ['--plugin', 'postgres12', '--ep', hostname, '-p', port || '5432', '-u', username || 'postgres', '--db', database, ...args]);
  for (const [kind, database] of [['temporal', databases.default], ['visibility', databases.visibility]] as const) {
    say('Temporal on PostgreSQL', `creating ${database} and its ${kind} schema`);
    await sql(database, 'drop-database', '--force');
    const steps = [
      await sql(database, 'create-database'),
      await sql(database, 'setup-schema', '-v', '0.0'),
      await sql(database, 'update-schema', '-d', path.join(moduleDir, 'schema', 'postgresql', 'v12', kind, 'versioned')),
    ];
    if (steps.some((status) => status !== 0)) fail('Temporal on PostgreSQL', `temporal-sql-tool could not set up ${database}`, 'read its error above');
  }

  const root = path.join(dataDir, `${name}-temporal-postgres`);
  await rm(root, { recursive: true, force: true });
  await mkdir(path.join(root, 'config', 'dynamicconfig'), { recursive: true });
  const template = await readFile(path.join(moduleDir, 'config', 'development-postgres12.yaml'), 'utf8');
  await writeFile(path.join(root, 'config', 'development.yaml'), configFrom(template, { hostname, port: port || '5432', user: username || 'postgres', databases }, root));
  // The module's dynamic config, plus the settings the dev server gets (scripts/devstack/temporal.ts).
  const ours = Object.entries(temporalDynamicConfig).map(([key, value]) => `${key}:\n  - value: ${JSON.stringify(value)}\n`).join('');
  await writeFile(
    path.join(root, 'config', 'dynamicconfig', 'development-sql.yaml'),
    `${await readFile(path.join(moduleDir, 'config', 'dynamicconfig', 'development-sql.yaml'), 'utf8')}\n${ours}`,
  );

  const supervisor = new Supervisor(() => undefined);
  const logFile = path.join(dataDir, `${name}-logs`, 'temporal-postgres.log');
  await mkdir(path.dirname(logFile), { recursive: true });
  supervisor.start([{ name: 'temporal-postgres', argv: [server, '--root', root, '--config', 'config', '--env', 'development', 'start'], logFile, ports: Object.values(ports) }]);
  const address = `127.0.0.1:${ports.frontend}`;
  const up = await waitUntil(() => tcpAnswers('127.0.0.1', ports.frontend), { timeoutMs: 90_000, gaveUp: () => supervisor.exitOf('temporal-postgres') });
  if (!up.ok) fail('Temporal on PostgreSQL', `the server did not listen on ${address}: ${up.reason}`, `read ${logFile}`);
  await registerDefaultNamespace(address);
  say('Temporal on PostgreSQL', `answering at ${address} (log: ${path.relative(process.cwd(), logFile)})`);
  return {
    address,
    logFile,
    async stop() {
      await supervisor.stop();
    },
  };
}

/** Where `go` keeps the server module's source: its schemas and sample configuration. */
async function moduleSource(): Promise<string> {
  const { status, output } = await capture('go', ['mod', 'download', '-json', `${temporalServer.module.replace('/cmd/server', '')}@v${temporalServer.version}`]);
  const dir = status === 0 ? (JSON.parse(output.slice(output.indexOf('{'))) as { Dir?: string }).Dir : undefined;
  if (!dir) fail('Temporal on PostgreSQL', `go mod download go.temporal.io/server@v${temporalServer.version} failed: ${output.slice(0, 500)}`, 'check that the Go module proxy is reachable');
  return dir;
}

function configFrom(template: string, db: { hostname: string; port: string; user: string; databases: { default: string; visibility: string } }, root: string): string {
  const replaced = template
    // The supervisor starts the server in the repository, not in --root: a relative path is not found.
    .replace('filepath: "config/dynamicconfig/development-sql.yaml"', `filepath: "${path.join(root, 'config', 'dynamicconfig', 'development-sql.yaml')}"`)
    .replace(/databaseName: "temporal"/, `databaseName: "${db.databases.default}"`)
    .replace(/databaseName: "temporal_visibility"/, `databaseName: "${db.databases.visibility}"`)
    .replaceAll('connectAddr: "127.0.0.1:5432"', `connectAddr: "${db.hostname}:${db.port}"`)
    .replaceAll('user: "temporal"', `user: "${db.user}"`)
    .replaceAll('password: "temporal"', 'password: ""')
    .replace('grpcPort: 7233', `grpcPort: ${ports.frontend}`)
    .replace('httpPort: 7243', `httpPort: ${ports.http}`)
    .replace('grpcPort: 7234', `grpcPort: ${ports.history}`)
    .replace('grpcPort: 7235', `grpcPort: ${ports.matching}`)
    .replace('grpcPort: 7239', `grpcPort: ${ports.worker}`)
    .replace('membershipPort: 6933', `membershipPort: ${ports.membership}`)
    .replace('membershipPort: 6934', `membershipPort: ${ports.membership + 1}`)
    .replace('membershipPort: 6935', `membershipPort: ${ports.membership + 2}`)
    .replace('membershipPort: 6939', `membershipPort: ${ports.membership + 6}`)
    .replace('rpcAddress: "localhost:7233"', `rpcAddress: "127.0.0.1:${ports.frontend}"`)
    // No pprof and no metrics endpoint: their fixed ports would collide with another copy.
    .replace(/\n {2}pprof:\n {4}port: \d+/, '')
    .replace(/\n {2}metrics:\n(?: {4}.*\n|#.*\n)+/, '\n');
  if (replaced.includes('7233') || replaced.includes('8000')) fail('Temporal on PostgreSQL', 'the module\'s development-postgres12.yaml changed shape; a default port is left in it', 'update bench/temporal-postgres.ts');
  return replaced;
}

/** `temporal operator namespace create`, as the server's own docs do it, until the frontend takes it. */
async function registerDefaultNamespace(address: string): Promise<void> {
  const cli = await findOrBuild(temporalCli);
  const registered = await waitUntil(
    async () => {
      const { status, output } = await capture(cli, ['operator', 'namespace', 'create', '--namespace', 'default', '--retention', '24h', '--address', address]);
      return status === 0 || /already exists|AlreadyExists/i.test(output);
    },
    { timeoutMs: 60_000 },
  );
  if (!registered.ok) fail('Temporal on PostgreSQL', `namespace default could not be registered: ${registered.reason}`, 'read the server log');
}
