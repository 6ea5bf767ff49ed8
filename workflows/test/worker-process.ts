import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./support/worker-child.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcessWithoutNullStreams;
  /** Kills the worker without a chance to finish anything (a crash, an OOM kill) and waits until it is gone. */
  kill(): Promise<void>;
}

/**
 * A Temporal worker with every process registered, as a child process on `taskQueue`, so a test
 * can kill it mid-process (SIGKILL) and start another. `services` are the `<NAME>_URL` the
 * activities call. Resolves once the worker polls; a worker that exits first fails with its stderr.
 */
export async function startWorkerProcess(taskQueue: string, services: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env.PATH ?? '', TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '', TEMPORAL_TASK_QUEUE: taskQueue, ...services },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  while (!stdout.includes('worker running')) {
    if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}) before running: ${stderr}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the worker did not start within ${timeoutMs} ms: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
