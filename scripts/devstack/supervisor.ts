import { type CloseEvent, type Command, createConcurrently, Logger, LogError, LogOutput } from 'concurrently';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from './paths.js';

/** A long-running process of the stack: a server we provide, or one of the app's processes. */
export interface ProcessSpec {
  name: string;
  argv: [string, ...string[]];
  env?: Record<string, string>;
  /** Output goes to this file instead of the terminal (the servers we start are chatty). */
  logFile?: string;
  /** Exits by itself when its job is done (schedule registration), so exit 0 is no failure. */
  oneShot?: boolean;
  /** The TCP ports it listens on: after a stop, none of them may still be taken. */
  ports?: number[];
}

export type ExitListener = (spec: ProcessSpec, exitCode: number | string) => void;

interface Tracked {
  spec: ProcessSpec;
  command: Command;
  closed: Promise<CloseEvent>;
  exitCode?: number | string;
}

const gracePeriodMs = 10_000;

/**
 * Runs groups of processes through concurrently (output prefixed by name, whole process trees
 * killed) and stops them newest group first: the app before the servers it talks to.
 */
export class Supervisor {
  private readonly groups: Tracked[][] = [];
  private stopping = false;

  constructor(private readonly onExit: ExitListener) {}

  start(specs: ProcessSpec[]): void {
    const logger = new Logger({ prefixFormat: 'name' });
    logger.setPrefixLength(Math.max(...specs.map((s) => s.name.length)));
    const { commands, result } = createConcurrently(
      specs.map((spec) => ({ name: spec.name, command: shellLine(spec), env: spec.env ?? {}, cwd: repoRoot })),
      {
        logger,
        outputStream: process.stdout,
        prefixColors: ['cyan', 'magenta', 'yellow', 'green', 'blue', 'auto'],
        controllers: [new LogError({ logger }), new LogOutput({ logger })],
      },
    );
    // Every exit is reported per process below; the combined result adds nothing.
    result.catch(() => undefined);
    const group = commands.map((command, index): Tracked => {
      const spec = specs[index]!;
      const closed = new Promise<CloseEvent>((resolve) => command.close.subscribe(resolve));
      const tracked: Tracked = { spec, command, closed };
      void closed.then((event) => {
        tracked.exitCode = event.exitCode;
        if (!this.stopping) this.onExit(spec, event.exitCode);
      });
      return tracked;
    });
    this.groups.push(group);
  }

  /** Why the named process is no longer running, or undefined while it runs. */
  exitOf(name: string): string | undefined {
    const tracked = this.groups.flat().find((t) => t.spec.name === name);
    if (!tracked || tracked.exitCode === undefined) return undefined;
    return `${name} exited with ${typeof tracked.exitCode === 'number' ? `code ${tracked.exitCode}` : tracked.exitCode}`;
  }

  /** The first long-running process that is no longer running, described; undefined if none. */
  firstDeparted(): string | undefined {
    const gone = this.groups.flat().find((t) => !t.spec.oneShot && t.exitCode !== undefined);
    return gone && this.exitOf(gone.spec.name);
  }

  /** Every port the processes started so far listen on. */
  ports(): number[] {
    return this.groups.flat().flatMap((t) => t.spec.ports ?? []);
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  /** SIGTERM to the app, then to the servers; SIGKILL for whatever outlives the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const group of [...this.groups].reverse()) {
      const alive = group.filter((t) => t.exitCode === undefined);
      alive.forEach((t) => t.command.kill('SIGTERM'));
      const allClosed = Promise.all(alive.map((t) => t.closed));
      const inTime = await Promise.race([allClosed.then(() => true), sleep(gracePeriodMs, false)]);
      if (!inTime) {
        for (const t of alive.filter((t) => t.exitCode === undefined)) {
          console.log(`! ${t.spec.name}: still running after ${gracePeriodMs / 1000} s; killing it`);
          t.command.kill('SIGKILL');
        }
        await Promise.race([allClosed, sleep(3000)]);
      }
    }
  }

  /** Second Ctrl-C: no more patience. */
  killAll(): void {
    this.stopping = true;
    for (const t of this.groups.flat()) if (t.exitCode === undefined) t.command.kill('SIGKILL');
  }
}

/** `exec` so the shell gives way to the process itself and signals reach it directly. */
function shellLine(spec: ProcessSpec): string {
  const line = `exec ${spec.argv.map(shellQuote).join(' ')}`;
  return spec.logFile ? `${line} >${shellQuote(spec.logFile)} 2>&1` : line;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
