import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually } from '@guild/testkit';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A built app process with no HTTP port (the worker, the bridge) as a child of this test, with only
 * the environment given; ready once its log says `readyMarker`. `kill()` is a crash: SIGKILL.
 */
export async function startBuiltProcess(name: string, entry: string, env: Record<string, string>, readyMarker: string) {
  const child = spawn(process.execPath, [path.join(repoRoot, entry)], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => process.off('exit', killOnExit));
  await eventually(`${name} running`, async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    return output.includes(readyMarker) ? true : undefined;
  }, { timeoutMs: 60_000, intervalMs: 100 });
  return {
    output: () => output,
    /** A crash: no shutdown runs. Resolves once the process is gone. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
