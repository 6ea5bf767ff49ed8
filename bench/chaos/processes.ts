import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { natsServerProcess } from '../../scripts/devstack/nats.js';
import { dataDir } from '../../scripts/devstack/paths.js';
import { appProcessSpecs, appProcesses } from '../../scripts/devstack/services.js';
import { findOrBuild, natsServer } from '../../scripts/devstack/tools.js';
import { pidListeningOn, pidOf } from '../processes.js';
import type { BenchStack } from '../stack.js';

const pollMs = 100;

export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

const alive = async (pid: number) => readFile(`/proc/${pid}/stat`, 'utf8').then((stat) => !/^\d+ \(.*\) Z/.test(stat), () => false);

/** SIGKILL, then wait until the process is gone (a crash or an OOM kill: nothing runs its shutdown). */
async function killHard(pid: number, name: string): Promise<void> {
  process.kill(pid, 'SIGKILL');
  await until(`${name} (pid ${pid}) gone after SIGKILL`, async () => !(await alive(pid)), 15_000);
}

/**
 * Kills and restarts the stack's processes through its supervisor, each restart with a log of its
 * own (the first log stays for reading), ready once the log says so.
 */
export function faultsOn(stack: BenchStack, copy: { name: string; portShift: number; natsPort: number }) {
  const namespace = stack.env.EVENT_NAMESPACE!;
  let restarts = 0;
  const logOf = (name: string) => path.join(stack.logDir, `${name}-restart-${++restarts}.log`);
  const logSays = (file: string, marker: string) => async () => (await readFile(file, 'utf8').catch(() => '')).includes(marker);

  return {
    /** SIGKILL an app process (worker, bridge, support …) and start it again; resolves once it is ready. */
    async killAndRestart(name: string, readyMarker: string): Promise<{ pid: number }> {
      const app = appProcesses.find((p) => p.name === name);
      if (!app) throw new Error(`no app process named ${name}`);
      const pid = await until(`the pid of ${name}`, () => pidOf(app.entry, namespace), 10_000);
      await killHard(pid, name);
      const spec = appProcessSpecs(stack.env, { portShift: copy.portShift, logDir: stack.logDir }).find((s) => s.name === name)!;
      const logFile = logOf(name);
      stack.supervisor.start([{ ...spec, logFile }]);
      await until(`${name} restarted (its log says "${readyMarker}")`, logSays(logFile, readyMarker));
      return { pid };
    },

    /** Stops the stack's nats-server hard and starts it again on the same port and JetStream store. */
    async restartNats(): Promise<void> {
      const port = Number(new URL(stack.env.NATS_URL!).port);
      // Only the copy's own nats-server: a NATS_URL of yours is never stopped.
      if (port !== copy.natsPort) throw new Error(`NATS at ${stack.env.NATS_URL} is not the copy's own (unset NATS_URL to run the fault suite)`);
      const pid = await until('the pid of nats-server', () => pidListeningOn(port), 10_000);
      await killHard(pid, 'nats-server');
      const binary = await findOrBuild(natsServer);
      const logFile = logOf('nats');
      stack.supervisor.start([natsServerProcess(binary, { port, storeDir: path.join(dataDir, `${copy.name}-nats`), logFile })]);
      await until('nats-server restarted', logSays(logFile, 'Server is ready'));
    },
  };
}
