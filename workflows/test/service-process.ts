import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eventually, freePort } from '@guild/testkit';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A service started as `npm start` starts it: its built entry point in a process of its own, with
 * only the environment given (nothing inherited but PATH), on a free port (or `opts.port`, to come
 * back where a killed one was); ready once /healthz answers.
 */
export async function startServiceProcess(name: string, entry: string, env: Record<string, string>, opts: { port?: number } = {}) {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(repoRoot, entry)], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A test run that fails before stop() must not leave the service running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
    process.off('exit', killOnExit);
  });

  await eventually(`${name} answering /healthz`, async () => {
    if (exitCode !== undefined) throw new Error(`${name} exited with ${exitCode}:\n${output.join('')}`);
    const res = await fetch(`${url}/healthz`).catch(() => undefined);
    return res?.ok ? true : undefined;
  }, { timeoutMs: 30_000, intervalMs: 100 }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${name} output:\n${output.join('')}`);
  });

  return {
    url,
    port,
    /** What the process printed, for a failing test's message. */
    output: () => output.join(''),
    /** A crash: SIGKILL, and the process is gone. */
    async kill() {
      if (exitCode !== undefined) return;
      child.kill('SIGKILL');
      await exited;
    },
    /** SIGTERM, as a supervisor stops it: the service drains and exits. */
    async stop() {
      if (exitCode !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type ServiceProcess = Awaited<ReturnType<typeof startServiceProcess>>;
