import { type ChildProcess, spawn } from 'node:child_process';
import { constants } from 'node:os';
import { repoRoot } from './paths.js';

const running = new Set<ChildProcess>();

/**
 * Runs a command to completion with the terminal as its output, and returns its exit status
 * (128 + n when a signal ended it, as a shell reports it).
 */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; quiet?: boolean } = {},
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? process.env,
      stdio: ['ignore', options.quiet ? 'ignore' : 'inherit', options.quiet ? 'ignore' : 'inherit'],
    });
    running.add(child);
    child.once('error', (error) => {
      running.delete(child);
      console.error(`${command}: ${error.message}`);
      resolve(127);
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/** Runs a command and returns what it printed, for probes such as `go env GOVERSION`. */
export function capture(command: string, args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (error) => resolve({ status: 127, output: error.message }));
    child.once('close', (code) => resolve({ status: code ?? 1, output: output.trim() }));
  });
}

/** On Ctrl-C: the one-off command in progress (a build, a test run) stops too. */
export function stopRunningCommands(signal: NodeJS.Signals): void {
  for (const child of running) child.kill(signal);
}
