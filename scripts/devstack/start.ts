import path from 'node:path';
import { startApp } from './app.js';
import { demoPolicies, seedDemoBilling, seedDemoHiring, seedDemoProject, seedDemoSales } from './demo-seed.js';
import { buildAll } from './build.js';
import { dataDir, shown } from './paths.js';
import { portPlans, stillListening } from './ports.js';
import { applyMigrations } from './postgres.js';
import { opsPasswordFile, persistentSecrets } from './secrets.js';
import { codecEndpoint, httpServices, serviceUrl } from './services.js';
import { onStopSignal, stopRequested } from './signals.js';
import { type Stack, provisionInfra } from './stack.js';
import { PhaseClock, reportFailure, say, seconds, warn } from './steps.js';
import { Supervisor } from './supervisor.js';

// `npm start`: build, provide every server, migrate, run the app in the foreground until Ctrl-C.
const ports = portPlans.start;
const clock = new PhaseClock();
let running = false;
let stopping: Promise<void> | undefined;

const supervisor = new Supervisor((spec, exitCode) => {
  if (spec.oneShot) {
    if (exitCode === 0) say(spec.name, 'done');
    else warn(spec.name, `exited with ${exitCode}: see its output above (the rest keeps running)`);
    return;
  }
  // While starting, the step waiting for this process reports it; once running, it ends the run.
  if (!running) return;
  console.error(`✗ ${spec.name}: exited with ${exitCode} — what to do: read its output above (servers log to ${shown(path.join(dataDir, 'logs'))}/), fix it, and run npm start again`);
  void stop(1);
});

onStopSignal(() => stop(0), () => supervisor.killAll());

function stop(exitCode: number): Promise<void> {
  stopping ??= (async () => {
    running = false;
    say('stop', 'stopping the app, then the servers');
    const started = Date.now();
    await supervisor.stop();
    const left = await stillListening(supervisor.ports());
    if (left.length) warn('stop', `still listening: ${left.join(', ')}`);
    else say('stop', `everything stopped in ${seconds(Date.now() - started)}; PostgreSQL keeps running as the machine's server`);
    process.exit(exitCode);
  })();
  return stopping;
}

try {
  await clock.time('build', buildAll);
  const secrets = await persistentSecrets();
  const stack = await clock.time('servers', () =>
    provisionInfra(
      {
        ports,
        temporalDb: path.join(dataDir, 'temporal', 'temporal.db'),
        natsStore: { dir: path.join(dataDir, 'nats'), fresh: false },
        mailDir: path.join(dataDir, 'mail'),
        logDir: path.join(dataDir, 'logs'),
        database: undefined,
        eventNamespace: process.env.EVENT_NAMESPACE ?? '',
        secrets,
        needsMailApi: false,
      },
      supervisor,
    ),
  );
  await clock.time('migrations', () => applyMigrations(stack.env.DATABASE_URL!));
  // Demo clocks unless the environment sets its own: a sprint week of minutes (see demo-seed.ts).
  const appEnv = { ...demoPolicies, ...stack.env, ...pickDefined(process.env, Object.keys(demoPolicies)) };
  await clock.time('app', () => startApp(appEnv, supervisor));
  await clock.time('demo', () => seedDemoProject(appEnv).catch((error: unknown) => warn('demo', `the demo project was not seeded: ${error instanceof Error ? error.message : String(error)}`)));
  await clock.time('demo billing', () => seedDemoBilling(appEnv).catch((error: unknown) => warn('demo', `the billing example was not seeded: ${error instanceof Error ? error.message : String(error)}`)));
  await clock.time('demo hiring', () => seedDemoHiring(appEnv).catch((error: unknown) => warn('demo', `the demo job was not seeded: ${error instanceof Error ? error.message : String(error)}`)));
  await clock.time('demo sales', () => seedDemoSales(appEnv).catch((error: unknown) => warn('demo', `the demo lead was not seeded: ${error instanceof Error ? error.message : String(error)}`)));
  running = true;
  printUrls(stack);
} catch (error) {
  if (!stopRequested()) {
    reportFailure(error);
    await stop(1);
  }
}

function printUrls(stack: Stack): void {
  const rows: [string, string][] = [
    ...httpServices.map((s): [string, string] =>
      s.docs ? [`${s.name} API docs`, `${serviceUrl(s)}${s.docs}`] : [`${s.name} endpoint`, serviceUrl(s)],
    ),
    ...stack.rows,
  ];
  const width = Math.max(...rows.map(([what]) => what.length));
  console.log(`\nGuild is running — ${clock.summary()}\n`);
  for (const [what, where] of rows) console.log(`  ${what.padEnd(width)}  ${where}`);
  console.log(`\n  server logs in ${shown(path.join(dataDir, 'logs'))}/ · a dev token: npm run -s token -- --role ops`);
  console.log(`  ops sign-in: ${stack.env.IDENTITY_BOOTSTRAP_OPS_EMAIL ?? 'ops@guild.local'}, password in ${shown(opsPasswordFile)}`);
  console.log(`  encrypted timelines: open ${codecEndpoint}/session once and paste an ops token, then tick "Include cross-origin credentials" in the UI's codec settings`);
  console.log('  Ctrl-C stops everything.\n');
}

function pickDefined(env: NodeJS.ProcessEnv, names: string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
}
